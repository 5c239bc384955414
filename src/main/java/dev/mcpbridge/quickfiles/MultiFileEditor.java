package dev.mcpbridge.quickfiles;

import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.files.FileBytes;
import dev.mcpbridge.lib.files.LineEndings;
import dev.mcpbridge.lib.files.PathGuard;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * edit_multiple_files: each file's diffs applied in order, the file written once if all of them applied. Files are
 * handled one after the other, so two entries for the same file see each other's changes.
 */
final class MultiFileEditor {

    /** One file and its diffs. */
    record FileRequest(String path, List<FileEdits.Diff> diffs) {
    }

    record Report(String text, boolean allFailed) {
    }

    private MultiFileEditor() {
    }

    /** @param stop true once the call is over */
    static Report edit(List<FileRequest> files, Rewrites rewrites, PathGuard guard, BooleanSupplier stop) {
        if (files == null || files.isEmpty()) {
            throw new ToolException("files must list at least one file");
        }
        StringBuilder out = new StringBuilder("## File edit report\n\n");
        int failed = 0;
        for (FileRequest request : files) {
            String shown = request.path();
            try {
                if (shown == null || shown.isBlank()) {
                    throw new ToolException("an entry has no path");
                }
                if (request.diffs() == null || request.diffs().isEmpty()) {
                    throw new ToolException("no diffs given");
                }
                Path file = rewrites.existingFile(shown, guard);
                int[] count = {0};
                rewrites.rewrite(file, shown, guard, false, true, text -> {
                    FileEdits.Result result = FileEdits.apply(text, LineEndings.KEEP, request.diffs(),
                            rewrites.maxChars(), stop);
                    count[0] = result.replacements();
                    return result.text();
                });
                out.append("Modified file: ").append(shown).append(": ").append(count[0])
                        .append(" modification(s) made.\n");
            } catch (ToolException e) {
                failed++;
                out.append("Edit failed: ").append(shown).append(": ").append(e.getMessage())
                        .append(" (file left unchanged)\n");
            } catch (IOException e) {
                failed++;
                out.append("Edit failed: ").append(shown).append(": could not be read or written (")
                        .append(FileBytes.reason(e)).append("; file left unchanged)\n");
            }
        }
        return new Report(out.toString(), failed == files.size());
    }
}
