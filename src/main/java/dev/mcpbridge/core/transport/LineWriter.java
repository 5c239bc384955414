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

    private final OutputStream out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

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
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    synchronized void writeLine(String line) throws IOException {
        pending.write(line.getBytes(StandardCharsets.UTF_8));
        write('\n');
    }

    private void emit() throws IOException {
        out.write(pending.toByteArray());
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
