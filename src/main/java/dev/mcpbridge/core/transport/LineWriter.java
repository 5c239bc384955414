package dev.mcpbridge.core.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The protocol's stdout: bytes are gathered into whole lines and each line is written and flushed at once, so the
 * SDK's messages and the bridge's own error replies never interleave.
 */
final class LineWriter extends OutputStream {

    private static final byte[] RESPONSE_START = "{\"jsonrpc\":\"2.0\",\"id\"".getBytes(StandardCharsets.UTF_8);

    private final OutputStream out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    /** Responses written so far (the SDK writes a response's fields in the order jsonrpc, id, result|error). */
    private final java.util.concurrent.atomic.AtomicInteger responses = new java.util.concurrent.atomic.AtomicInteger();

    LineWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        pending.write(b);
        if (b == '\n') {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (b[i] == '\n') {
                if (pending.size() == 0) {
                    // A whole line in the caller's buffer: written straight from it, without a copy.
                    count(b, start);
                    out.write(b, start, i + 1 - start);
                    out.flush();
                } else {
                    pending.write(b, start, i + 1 - start);
                    emit();
                }
                start = i + 1;
            }
        }
        if (start < end) {
            pending.write(b, start, end - start);
        }
    }

    synchronized void writeLine(String line) throws IOException {
        pending.write(line.getBytes(StandardCharsets.UTF_8));
        write('\n');
    }

    int responses() {
        return responses.get();
    }

    private void count(byte[] line, int from) {
        if (line.length - from >= RESPONSE_START.length && java.util.Arrays.equals(line, from,
                from + RESPONSE_START.length, RESPONSE_START, 0, RESPONSE_START.length)) {
            responses.incrementAndGet();
        }
    }

    private void emit() throws IOException {
        count(pending.toByteArray(), 0);
        pending.writeTo(out);
        out.flush();
        pending.reset();
    }

    @Override
    public synchronized void flush() {
        // Lines are flushed as they complete; a partial line waits for its end.
    }

    @Override
    public synchronized void close() throws IOException {
        out.flush();
    }
}
