package dev.mcpbridge.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.Eventually;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class NonBlockingStderrTest {

    @Test
    void writesNeverBlockWhenNobodyReadsAndTheLossIsReportedLater() throws Exception {
        CountDownLatch reader = new CountDownLatch(1);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                try {
                    reader.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                seen.write(b, off, len);
            }
        };
        NonBlockingStderr stderr = new NonBlockingStderr(stuck);
        long start = System.nanoTime();
        byte[] line = "a log line\n".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20_000; i++) {
            stderr.write(line, 0, line.length);
        }
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms spent writing").isLessThan(2_000);
        reader.countDown();
        stderr.write(line, 0, line.length);
        Eventually.within(Duration.ofSeconds(5), () -> assertThat(seen.toString(StandardCharsets.UTF_8))
                .contains("bytes of log dropped while stderr was not read"));
    }
}
