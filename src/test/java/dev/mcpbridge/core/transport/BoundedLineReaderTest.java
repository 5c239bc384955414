package dev.mcpbridge.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

    private static String text(BoundedLineReader.Line line) {
        return new String(line.bytes(), 0, line.length(), StandardCharsets.UTF_8);
    }

    @Test
    void anOverLongLineIsReportedWithItsSizeAndTheNextLineIsIntact() throws IOException {
        String input = "short\n" + "x".repeat(200_000) + "\r\nafter\r\nlast without newline";
        BoundedLineReader reader = new BoundedLineReader(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), 1000);
        assertThat(text(reader.next())).isEqualTo("short");
        BoundedLineReader.Line big = reader.next();
        assertThat(big.tooLong()).isTrue();
        assertThat(big.size()).isEqualTo(200_001);
        assertThat(big.length()).isZero();
        assertThat(text(reader.next())).isEqualTo("after");
        assertThat(text(reader.next())).isEqualTo("last without newline");
        assertThat(reader.next()).isNull();
    }

    @Test
    void aLineExactlyAtTheLimitIsKeptAndEmptyLinesAreLines() throws IOException {
        String input = "y".repeat(1000) + "\n\n" + "z".repeat(1001) + "\n";
        BoundedLineReader reader = new BoundedLineReader(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), 1000);
        BoundedLineReader.Line full = reader.next();
        assertThat(full.tooLong()).isFalse();
        assertThat(full.length()).isEqualTo(1000);
        assertThat(reader.next().length()).isZero();
        assertThat(reader.next().tooLong()).isTrue();
        assertThat(reader.next()).isNull();
    }
}
