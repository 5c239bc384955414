package dev.mcpbridge.quickfiles;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The tools' arguments, one record per tool. A tool's record is bound by component name (maxLines reads
 * max_lines); records nested in lists name their snake_case properties for Jackson.
 */
public final class QuickFilesArguments {

    private QuickFilesArguments() {
    }

    public record ReadMultipleFiles(List<Object> paths, Boolean showLineNumbers,
            Integer maxLinesPerFile,
            Integer maxCharsPerFile,
            Integer maxTotalLines,
            Integer maxTotalChars) {
    }

    public record ListDirectoryContents(List<Object> paths, Integer maxLines,
            Boolean recursive, Integer maxDepth,
            String filePattern, String sortBy,
            String sortOrder) {
    }

    public record Diff(String search, String replace, @JsonProperty("start_line") Integer startLine,
            @JsonProperty("use_regex") Boolean useRegex,
            @JsonProperty("expected_replacements") Integer expectedReplacements) {
    }

    public record FileDiffs(String path, List<Diff> diffs) {
    }

    public record EditMultipleFiles(List<FileDiffs> files) {
    }

    public record FileReplace(String path, String search, String replace,
            @JsonProperty("expected_replacements") Integer expectedReplacements) {
    }

    public record SearchAndReplace(String search, String replace, Boolean useRegex,
            Boolean caseSensitive, Boolean preview, List<String> paths,
            List<FileReplace> files, String filePattern, Boolean recursive) {
    }

    public record SearchInFiles(List<String> paths, String pattern, Boolean useRegex,
            Boolean caseSensitive, String filePattern,
            Integer contextLines,
            Integer maxResultsPerFile,
            Integer maxTotalResults, Boolean recursive) {
    }

    public record DeleteFiles(List<String> paths) {
    }

    public record Transform(String pattern, String replacement) {
    }

    public record FileOperation(String source, String destination, Transform transform,
            @JsonProperty("conflict_strategy") String conflictStrategy) {
    }

    public record FileTransfers(List<FileOperation> operations) {
    }

    public record ExtractMarkdownStructure(List<String> paths, Integer maxDepth,
            Boolean includeContext,
            Integer contextLines) {
    }

    public record RestartMcpServers(List<String> servers) {
    }
}
