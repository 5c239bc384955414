package dev.mcpbridge.jinavigator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpbridge.core.spi.ToolException;
import org.junit.jupiter.api.Test;

class ExcerptTest {

    private static final String TEXT = "one\ntwo\nthree\nfour";

    @Test
    void linesAreOneBasedAndInclusive() {
        assertThat(Excerpt.lines(TEXT, 2L, 3L)).isEqualTo("two\nthree");
        assertThat(Excerpt.lines(TEXT, 3L, null)).isEqualTo("three\nfour");
        assertThat(Excerpt.lines(TEXT, null, 1L)).isEqualTo("one");
        assertThat(Excerpt.lines(TEXT, 4L, 99L)).isEqualTo("four");
        assertThat(Excerpt.lines(TEXT, null, null)).isSameAs(TEXT);
    }

    @Test
    void badLineRangesNameTheProblem() {
        assertThatThrownBy(() -> Excerpt.lines(TEXT, 0L, 2L)).isInstanceOf(ToolException.class)
                .hasMessageContaining("start_line must be 1 or more");
        assertThatThrownBy(() -> Excerpt.lines(TEXT, 3L, 2L)).hasMessageContaining("end_line (2) is before start_line (3)");
        assertThatThrownBy(() -> Excerpt.lines(TEXT, 9L, null)).hasMessageContaining("which has 4 lines");
    }

    @Test
    void characterWindowSaysWhereToContinue() {
        String text = "abcdefghij";
        assertThat(Excerpt.window(text, 0, 4L)).isEqualTo("abcd\n\n[Content truncated: characters 0-4 of 10; "
                + "continue with start_index=4]");
        assertThat(Excerpt.window(text, 4, 100L)).isEqualTo("efghij");
        assertThat(Excerpt.window(text, 0, null)).isEqualTo(text);
        assertThatThrownBy(() -> Excerpt.window(text, 10, 5L)).hasMessageContaining("past the end of the content (10");
        assertThatThrownBy(() -> Excerpt.window(text, -1, null)).hasMessageContaining("start_index must be 0 or more");
    }
}
