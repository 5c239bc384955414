package dev.mcpbridge.core.transport;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads newline-delimited lines as bytes, never holding more than {@code maxLineBytes} of one line: the rest of an
 * over-long line is read and thrown away, and the line is reported as too long. The line buffer shrinks back after a
 * big line, so junk cannot make the process keep memory it needed once.
 */
final class BoundedLineReader {

    private static final int CHUNK = 64 * 1024;
    private static final int KEPT_CAPACITY = 256 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[CHUNK];
    private int position;
    private int limit;
    private byte[] line = new byte[8 * 1024];
    private int length;

    /** One line: its bytes are {@code bytes()[0..length)}, valid until the next call; empty when it was too long. */
    record Line(byte[] bytes, int length, long size, boolean tooLong) {
    }

    BoundedLineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** @return the next line without its line end, or null at the end of the input */
    Line next() throws IOException {
        if (line.length > KEPT_CAPACITY) {
            line = new byte[8 * 1024];
        }
        length = 0;
        long size = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                int n = in.read(chunk);
                if (n <= 0) {
                    position = limit = 0;
                    return any ? finish(size, tooLong) : null;
                }
                position = 0;
                limit = n;
            }
            any = true;
            int end = position;
            while (end < limit && chunk[end] != '\n') {
                end++;
            }
            int n = end - position;
            size += n;
            if (!tooLong) {
                if (length + n > maxLineBytes) {
                    tooLong = true;
                    length = 0;
                    line = new byte[8 * 1024];
                } else {
                    append(position, n);
                }
            }
            if (end < limit) {
                position = end + 1;
                return finish(size, tooLong);
            }
            position = limit;
        }
    }

    private Line finish(long size, boolean tooLong) {
        if (!tooLong && length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return new Line(line, length, size, tooLong);
    }

    private void append(int from, int n) {
        if (length + n > line.length) {
            long wanted = Math.max((long) line.length * 2, (long) length + n);
            byte[] bigger = new byte[(int) Math.min(wanted, Math.max(maxLineBytes, length + n))];
            System.arraycopy(line, 0, bigger, 0, length);
            line = bigger;
        }
        System.arraycopy(chunk, from, line, length, n);
        length += n;
    }
}
