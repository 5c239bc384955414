package dev.mcpbridge.quickfiles;

import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.files.FileBytes;
import dev.mcpbridge.lib.files.HeldDirectories;
import dev.mcpbridge.lib.files.PathGuard;
import dev.mcpbridge.lib.files.PathGuard.Intent;
import dev.mcpbridge.lib.files.SafeWrites;
import dev.mcpbridge.lib.files.TextFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Rewriting one text file: read within the size cap, change the text, write it back atomically in its own
 * encoding (temporary file in the same directory, renamed over it; the file's mode is kept). Nothing is written
 * when the text did not change or when the change fails.
 */
final class Rewrites {

    /** What a rewrite found: the text before and after, or a reason it was skipped. */
    record Change(String before, String after, String skipped) {

        boolean changed() {
            return skipped == null && !before.equals(after);
        }
    }

    private final long maxFileBytes;

    Rewrites(long maxFileBytes) {
        this.maxFileBytes = maxFileBytes;
    }

    /** The longest text an edit may produce: a file may have no more characters than it may have bytes. */
    long maxChars() {
        return maxFileBytes;
    }

    Path existingFile(String shown, PathGuard guard) {
        Path file = guard.resolve(shown, Intent.EXISTING);
        if (!Files.isRegularFile(file)) {
            throw new ToolException("'" + shown + "' is not a regular file");
        }
        return file;
    }

    /**
     * @param edit the change; may throw a {@link ToolException}, which leaves the file untouched
     * @param write false for a preview
     */
    Change rewrite(Path file, String shown, PathGuard guard, boolean skipBinary, boolean write,
            UnaryOperator<String> edit) throws IOException {
        return rewrite(file, shown, guard, null, skipBinary, write, edit);
    }

    /** @param held the directories held for this call, or null */
    Change rewrite(Path file, String shown, PathGuard guard, HeldDirectories held, boolean skipBinary, boolean write,
            UnaryOperator<String> edit) throws IOException {
        FileBytes.Loaded loaded = FileBytes.read(guard, held, file, maxFileBytes);
        if (loaded.tooLarge()) {
            if (skipBinary) {
                return new Change(null, null, "larger than " + maxFileBytes + " bytes (setting maxFileBytes)");
            }
            throw new ToolException("'" + shown + "' is " + loaded.size() + " bytes, more than the " + maxFileBytes
                    + " bytes a file may have to be rewritten (setting maxFileBytes)");
        }
        byte[] bytes = loaded.bytes();
        if (TextFile.looksBinary(bytes)) {
            if (skipBinary) {
                return new Change(null, null, "binary file");
            }
            throw new ToolException("'" + shown + "' is a binary file; it is not edited");
        }
        TextFile text = TextFile.decode(bytes);
        String after = edit.apply(text.text());
        Change change = new Change(text.text(), after, null);
        if (write && change.changed()) {
            byte[] encoded = text.encode(after);
            if (encoded.length > maxFileBytes) {
                throw new ToolException("'" + shown + "' would be " + encoded.length + " bytes after the change, more "
                        + "than the " + maxFileBytes + " bytes a file may have (setting maxFileBytes); file left "
                        + "unchanged");
            }
            SafeWrites.write(file, encoded, guard, held, shown);
        }
        return change;
    }
}
