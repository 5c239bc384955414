package dev.mcpbridge.lib.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A checked file's bytes, read through its held directory ({@link GuardedFiles}), never reopened by path, within a
 * size cap.
 */
public final class FileBytes {

    /** The bytes read, or none (null) when the file is larger than the cap; {@code size} is the size found. */
    public record Loaded(long size, byte[] bytes) {

        public boolean tooLarge() {
            return bytes == null;
        }
    }

    private FileBytes() {
    }

    public static Loaded read(PathGuard guard, Path file, long maxBytes) throws IOException {
        return read(guard, null, file, maxBytes);
    }

    /** @param held the directories held for this call, or null */
    public static Loaded read(PathGuard guard, HeldDirectories held, Path file, long maxBytes) throws IOException {
        try (SeekableByteChannel channel = GuardedFiles.openRead(guard, held, file)) {
            long size = channel.size();
            if (size > Math.min(maxBytes, Integer.MAX_VALUE - 8)) {
                return new Loaded(size, null);
            }
            // What the file held when opened: bytes appended meanwhile are not read.
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // reading
            }
            byte[] bytes = buffer.position() == size ? buffer.array() : Arrays.copyOf(buffer.array(), buffer.position());
            return new Loaded(bytes.length, bytes);
        }
    }

    /** Why an I/O call failed, for a report: a swapped directory is named as such, anything else by its kind. */
    public static String reason(IOException e) {
        if (e instanceof HeldFiles.Replaced) {
            return "a directory on its path was replaced by a link after the check; refused";
        }
        if (e instanceof HeldFiles.NotRegular) {
            return "a special file (FIFO, socket or device), not a regular file; not opened";
        }
        return e.getClass().getSimpleName();
    }
}
