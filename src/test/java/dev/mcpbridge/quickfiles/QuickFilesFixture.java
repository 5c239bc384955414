package dev.mcpbridge.quickfiles;

import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolCallContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Calls the tools as the bridge does: a JSON argument map bound to the tool's record. */
final class QuickFilesFixture {

    /** Tools that need no restarts get this. */
    static final dev.mcpbridge.core.spi.AdapterRestarts NO_RESTARTS = name -> {
        throw new AssertionError("no restart expected");
    };

    final Path root;
    final QuickFilesTools tools;

    QuickFilesFixture(Path root, String... extraDirectories) {
        this.root = root;
        StringBuilder dirs = new StringBuilder(root.toString());
        for (String d : extraDirectories) {
            dirs.append('\n').append(d);
        }
        this.tools = new QuickFilesTools(new QuickFilesSettings(dirs.toString(), QuickFilesSettings.Roots.add, "false", 10L << 20), QuickFilesFixture.NO_RESTARTS);
    }

    TextResult call(String tool, Map<String, Object> args) {
        ToolCallContext ctx = ToolCallContext.detached(tool);
        return switch (tool) {
            case "read_multiple_files" -> tools.readMultipleFiles(as(args, QuickFilesArguments.ReadMultipleFiles.class), ctx);
            case "list_directory_contents" -> tools.listDirectoryContents(
                    as(args, QuickFilesArguments.ListDirectoryContents.class), ctx);
            case "edit_multiple_files" -> tools.editMultipleFiles(as(args, QuickFilesArguments.EditMultipleFiles.class), ctx);
            case "search_and_replace" -> tools.searchAndReplace(as(args, QuickFilesArguments.SearchAndReplace.class), ctx);
            case "search_in_files" -> tools.searchInFiles(as(args, QuickFilesArguments.SearchInFiles.class), ctx);
            case "delete_files" -> tools.deleteFiles(as(args, QuickFilesArguments.DeleteFiles.class), ctx);
            case "copy_files" -> tools.copyFiles(as(args, QuickFilesArguments.FileTransfers.class), ctx);
            case "move_files" -> tools.moveFiles(as(args, QuickFilesArguments.FileTransfers.class), ctx);
            case "extract_markdown_structure" -> tools.extractMarkdownStructure(
                    as(args, QuickFilesArguments.ExtractMarkdownStructure.class), ctx);
            default -> throw new IllegalArgumentException(tool);
        };
    }

    /** The report text of a call that must succeed. */
    String ok(String tool, Map<String, Object> args) {
        TextResult r = call(tool, args);
        if (r.error()) {
            throw new AssertionError(tool + " failed: " + r.text());
        }
        return r.text();
    }

    /** The arguments bound to the tool's record exactly as the bridge binds them. */
    static <T> T as(Map<String, Object> args, Class<T> type) {
        return new Arguments(args).as(type);
    }

    Path write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    String read(String relative) throws IOException {
        return Files.readString(root.resolve(relative), StandardCharsets.UTF_8);
    }

    String abs(String relative) {
        return root.resolve(relative).toString();
    }
}
