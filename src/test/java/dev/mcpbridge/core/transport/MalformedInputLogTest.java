package dev.mcpbridge.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MalformedInputLogTest {

    private final List<String> lines = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();
    private final MalformedInputLog log = new MalformedInputLog(lines::add, null, 3, clock::get);

    @Test
    void atMostNLinesASecondAndThenHowManyWereHeldBack() {
        for (int i = 0; i < 10; i++) {
            log.report("junk " + i, new IllegalStateException("never printed"));
        }
        assertThat(lines).containsExactly("malformed input: junk 0", "malformed input: junk 1",
                "malformed input: junk 2");
        clock.addAndGet(1_000_000_000L);
        log.report("junk 10", null);
        assertThat(lines).containsSubsequence("malformed input: 7 more message(s) not logged (at most 3 a second)",
                "malformed input: junk 10");
        assertThat(String.join("\n", lines)).doesNotContain("never printed").doesNotContain("\tat ");
    }

    @Test
    void theEndOfInputSaysWhatWasHeldBack() {
        for (int i = 0; i < 5; i++) {
            log.report("junk", null);
        }
        log.flush();
        assertThat(lines).last().isEqualTo("malformed input: 2 more message(s) not logged (at most 3 a second)");
        log.flush();
        assertThat(lines).hasSize(4);
    }
}
