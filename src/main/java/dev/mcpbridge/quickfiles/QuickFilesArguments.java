package dev.mcpbridge.quickfiles;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The tools' arguments, one record per tool, with the original server's snake_case names. */
public final class QuickFilesArguments {

    private QuickFilesArguments() {
    }

    public record ReadMultipleFiles(List<Object> paths, @JsonProperty("show_line_numbers") Boolean showLineNumbers,
            @JsonProperty("max_lines_per_file") Integer maxLinesPerFile,
            @JsonProperty("max_chars_per_file") Integer maxCharsPerFile,
            @JsonProperty("max_total_lines") Integer maxTotalLines,
            @JsonProperty("max_total_chars") Integer maxTotalChars) {
    }

    public record ListDirectoryContents(List<Object> paths, @JsonProperty("max_lines") Integer maxLines,
            Boolean recursive, @JsonProperty("max_depth") Integer maxDepth,
            @JsonProperty("file_pattern") String filePattern, @JsonProperty("sort_by") String sortBy,
            @JsonProperty("sort_order") String sortOrder) {
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

    public record SearchAndReplace(String search, String replace, @JsonProperty("use_regex") Boolean useRegex,
            @JsonProperty("case_sensitive") Boolean caseSensitive, Boolean preview, List<String> paths,
            List<FileReplace> files, @JsonProperty("file_pattern") String filePattern, Boolean recursive) {
    }

    public record SearchInFiles(List<String> paths, String pattern, @JsonProperty("use_regex") Boolean useRegex,
            @JsonProperty("case_sensitive") Boolean caseSensitive, @JsonProperty("file_pattern") String filePattern,
            @JsonProperty("context_lines") Integer contextLines,
            @JsonProperty("max_results_per_file") Integer maxResultsPerFile,
            @JsonProperty("max_total_results") Integer maxTotalResults, Boolean recursive) {
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

    public record ExtractMarkdownStructure(List<String> paths, @JsonProperty("max_depth") Integer maxDepth,
            @JsonProperty("include_context") Boolean includeContext,
            @JsonProperty("context_lines") Integer contextLines) {
    }

    public record RestartMcpServers(List<String> servers) {
    }
}
