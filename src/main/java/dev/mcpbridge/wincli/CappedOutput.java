package dev.mcpbridge.wincli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Collects a process's output up to a cap, keeping the first and the last half of the cap and counting what was
 * dropped in between, so a huge output still shows how it began and how it ended.
 */
final class CappedOutput extends OutputStream {

    private final int headCap;
    private final int tailCap;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private final byte[] tail;
    private int tailStart;
    private int tailLength;
    private long total;

    CappedOutput(int cap) {
        int c = Math.max(cap, 2);
        this.headCap = c / 2;
        this.tailCap = c - headCap;
        this.tail = new byte[tailCap];
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        total += len;
        int toHead = Math.min(len, headCap - head.size());
        if (toHead > 0) {
            head.write(b, off, toHead);
            off += toHead;
            len -= toHead;
        }
        for (int k = 0; k < len; k++) {
            int pos = (tailStart + tailLength) % tailCap;
            tail[pos] = b[off + k];
            if (tailLength < tailCap) {
                tailLength++;
            } else {
                tailStart = (tailStart + 1) % tailCap;
            }
        }
    }

    synchronized long total() {
        return total;
    }

    synchronized boolean truncated() {
        return total > (long) head.size() + tailLength;
    }

    /** The text, with a notice where bytes were left out. */
    synchronized String text() {
        String first = decode(head.toByteArray());
        if (tailLength == 0) {
            return first;
        }
        byte[] last = new byte[tailLength];
        for (int k = 0; k < tailLength; k++) {
            last[k] = tail[(tailStart + k) % tailCap];
        }
        long dropped = total - head.size() - tailLength;
        if (dropped <= 0) {
            byte[] all = new byte[head.size() + tailLength];
            System.arraycopy(head.toByteArray(), 0, all, 0, head.size());
            System.arraycopy(last, 0, all, head.size(), tailLength);
            return decode(all);
        }
        return first + "\n[... " + dropped + " bytes of output omitted (maxOutputBytes) ...]\n" + decode(last);
    }

    private static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
