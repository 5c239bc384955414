package dev.mcpbridge.quickfiles;

import dev.mcpbridge.core.spi.AdapterRestarts;
import dev.mcpbridge.core.spi.SettingsException;
import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.files.AllowedDirectories;
import dev.mcpbridge.quickfiles.QuickFilesArguments.Diff;
import dev.mcpbridge.quickfiles.QuickFilesArguments.EditMultipleFiles;
import dev.mcpbridge.quickfiles.QuickFilesArguments.ExtractMarkdownStructure;
import dev.mcpbridge.quickfiles.QuickFilesArguments.FileOperation;
import dev.mcpbridge.quickfiles.QuickFilesArguments.FileTransfers;
import dev.mcpbridge.quickfiles.QuickFilesArguments.ListDirectoryContents;
import dev.mcpbridge.quickfiles.QuickFilesArguments.ReadMultipleFiles;
import dev.mcpbridge.quickfiles.QuickFilesArguments.SearchAndReplace;
import dev.mcpbridge.quickfiles.QuickFilesArguments.SearchInFiles;
import java.util.List;

/**
 * The quickfiles adapter's tools: Roo's quickfiles-server batch tools with their names, arguments, defaults and
 * Markdown reports (in English), inside the same sandbox as the filesystem adapter. Each handler turns its
 * arguments into the work classes' terms; a report whose every item failed is an error result.
 */
public class QuickFilesTools {

    private final AllowedDirectories sandbox;
    private final long maxFileBytes;
    private final Rewrites rewrites;
    private final AdapterRestarts restarts;

    public QuickFilesTools(QuickFilesSettings settings, AdapterRestarts restarts) {
        this.restarts = restarts;
        if (settings.maxFileBytes() < 1) {
            throw new SettingsException("maxFileBytes", "must be 1 or more, not " + settings.maxFileBytes());
        }
        // The filesystem adapter's sandbox: the same directories, client roots and rules.
        this.sandbox = new AllowedDirectories("quickfiles", settings.directories(), settings.roots() == null ? null
                : AllowedDirectories.ClientRoots.valueOf(settings.roots().name()), settings.windowsRules());
        this.maxFileBytes = settings.maxFileBytes();
        this.rewrites = new Rewrites(maxFileBytes);
    }

    public TextResult readMultipleFiles(ReadMultipleFiles args, ToolCallContext ctx) {
        MultiFileReader.Limits limits = new MultiFileReader.Limits(or(args.showLineNumbers(), true),
                positive(args.maxLinesPerFile(), 2000, "max_lines_per_file"),
                positive(args.maxCharsPerFile(), 300_000, "max_chars_per_file"),
                positive(args.maxTotalLines(), 8000, "max_total_lines"),
                positive(args.maxTotalChars(), 400_000, "max_total_chars"));
        MultiFileReader.Report r = MultiFileReader.read(MultiFileReader.requests(args.paths()), limits,
                sandbox.guard(ctx));
        return new TextResult(r.text(), null, r.allFailed());
    }

    public TextResult listDirectoryContents(ListDirectoryContents args, ToolCallContext ctx) {
        List<DirectoryListing.Request> requests = DirectoryListing.requests(args.paths(), or(args.recursive(), false),
                args.maxDepth(), args.filePattern(), args.sortBy(), args.sortOrder());
        DirectoryListing.Report r = DirectoryListing.list(requests, positive(args.maxLines(), 1000, "max_lines"),
                sandbox.guard(ctx));
        return new TextResult(r.text(), null, r.allFailed());
    }

    public TextResult editMultipleFiles(EditMultipleFiles args, ToolCallContext ctx) {
        List<MultiFileEditor.FileRequest> files = args.files() == null ? List.of() : args.files().stream()
                .map(f -> new MultiFileEditor.FileRequest(f.path(), f.diffs() == null ? null
                        : f.diffs().stream().map(QuickFilesTools::diff).toList()))
                .toList();
        MultiFileEditor.Report r = MultiFileEditor.edit(files, rewrites, sandbox.guard(ctx),
                stopped(ctx));
        return new TextResult(r.text(), null, r.allFailed());
    }

    private static FileEdits.Diff diff(Diff d) {
        return new FileEdits.Diff(d.search(), d.replace(), d.startLine(), or(d.useRegex(), false),
                d.expectedReplacements());
    }

    public TextResult searchAndReplace(SearchAndReplace args, ToolCallContext ctx) {
        List<BatchReplace.FileReplace> files = args.files() == null ? null : args.files().stream()
                .map(f -> new BatchReplace.FileReplace(f.path(), f.search(), f.replace(), f.expectedReplacements()))
                .toList();
        BatchReplace.Options options = new BatchReplace.Options(or(args.useRegex(), true),
                or(args.caseSensitive(), false), or(args.preview(), false), args.filePattern(),
                or(args.recursive(), true));
        BatchReplace.Report r = BatchReplace.run(args.search(), args.replace(), args.paths(), files, options, rewrites,
                sandbox.guard(ctx), ctx);
        return new TextResult(r.text(), null, r.allFailed());
    }

    public TextResult searchInFiles(SearchInFiles args, ToolCallContext ctx) {
        MultiFileSearch.Options options = new MultiFileSearch.Options(or(args.useRegex(), true),
                or(args.caseSensitive(), false), args.filePattern(), nonNegative(args.contextLines(), 2),
                positive(args.maxResultsPerFile(), 100, "max_results_per_file"),
                positive(args.maxTotalResults(), 1000, "max_total_results"), or(args.recursive(), true),
                maxFileBytes);
        MultiFileSearch.Report r = MultiFileSearch.search(args.paths(), args.pattern(), options, sandbox.guard(ctx), ctx);
        return new TextResult(r.text(), null, r.error());
    }

    public TextResult deleteFiles(QuickFilesArguments.DeleteFiles args, ToolCallContext ctx) {
        FileOperations.Report r = FileOperations.delete(args.paths(), sandbox.guard(ctx));
        return new TextResult(r.text(), null, r.allFailed());
    }

    public TextResult copyFiles(FileTransfers args, ToolCallContext ctx) {
        return transfer(args, false, ctx);
    }

    public TextResult moveFiles(FileTransfers args, ToolCallContext ctx) {
        return transfer(args, true, ctx);
    }

    private TextResult transfer(FileTransfers args, boolean move, ToolCallContext ctx) {
        List<FileOperations.Operation> ops = args.operations() == null ? null
                : args.operations().stream().map(QuickFilesTools::operation).toList();
        FileOperations.Report r = FileOperations.transfer(ops, move,
                sandbox.guard(ctx));
        return new TextResult(r.text(), null, r.allFailed());
    }

    private static FileOperations.Operation operation(FileOperation op) {
        return new FileOperations.Operation(op.source(), op.destination(),
                op.transform() == null ? null : op.transform().pattern(),
                op.transform() == null ? null : op.transform().replacement(), op.conflictStrategy());
    }

    public TextResult extractMarkdownStructure(ExtractMarkdownStructure args, ToolCallContext ctx) {
        MarkdownOutline.Report r = MarkdownOutline.extract(args.paths(), positive(args.maxDepth(), 6, "max_depth"),
                or(args.includeContext(), false), nonNegative(args.contextLines(), 2), maxFileBytes,
                sandbox.guard(ctx));
        return new TextResult(r.text(), null, r.allFailed());
    }

    public TextResult restartMcpServers(QuickFilesArguments.RestartMcpServers args) {
        if (args.servers() == null || args.servers().isEmpty()) {
            throw new ToolException("servers must name at least one adapter");
        }
        List<AdapterRestarts.Outcome> outcomes = args.servers().stream().map(String::strip).distinct()
                .map(restarts::restart).toList();
        StringBuilder out = new StringBuilder("# Restarting MCP servers\n\n");
        section(out, "Restarted", outcomes, AdapterRestarts.Status.RESTARTED, "✅");
        section(out, "Not found", outcomes, AdapterRestarts.Status.NOT_SERVED, "❌");
        section(out, "Failed", outcomes, AdapterRestarts.Status.FAILED, "❌");
        out.append("**Note:** a restarted adapter serves new calls with its new settings; calls already running "
                + "finish with the old ones, and the list of tools stays as it was at start.\n");
        boolean none = outcomes.stream().noneMatch(o -> o.status() == AdapterRestarts.Status.RESTARTED);
        return new TextResult(out.toString(), null, none);
    }

    private static void section(StringBuilder out, String title, List<AdapterRestarts.Outcome> outcomes,
            AdapterRestarts.Status status, String mark) {
        List<AdapterRestarts.Outcome> these = outcomes.stream().filter(o -> o.status() == status).toList();
        if (these.isEmpty()) {
            return;
        }
        out.append("## ").append(title).append(":\n");
        these.forEach(o -> out.append("- ").append(mark).append(' ').append(o.adapter()).append(": ")
                .append(o.message()).append('\n'));
        out.append('\n');
    }

    /** The signal long work checks: the call was cancelled or timed out. */
    static java.util.function.BooleanSupplier stopped(ToolCallContext ctx) {
        return ctx == null ? () -> false : ctx::cancelled;
    }

    private static boolean or(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }

    private static int positive(Integer value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw new ToolException(name + " must be 1 or more, not " + value);
        }
        return value;
    }

    private static int nonNegative(Integer value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 0) {
            throw new ToolException("context_lines must be 0 or more, not " + value);
        }
        return value;
    }
}
