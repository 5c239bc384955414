package dev.mcpbridge.lib.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.lib.markdown.MarkdownHeadings.Heading;
import dev.mcpbridge.lib.markdown.MarkdownHeadings.Rules;
import org.junit.jupiter.api.Test;

class MarkdownHeadingsTest {

    private static final String MD = "# One #\n\nfirst\n  second\n===\n\n- ## in a list\n> # quoted\n#\n```\n# code\n```\n";

    @Test
    void everyHeadingWithItsFirstAndLastLine() {
        assertThat(MarkdownHeadings.of(MD, new Rules(true, true, true))).containsExactly(
                new Heading(1, "One", 1, 1), new Heading(1, "first second", 3, 5), new Heading(2, "in a list", 7, 7),
                new Heading(1, "quoted", 8, 8), new Heading(1, "", 9, 9));
    }

    @Test
    void theRulesLeaveOutSetextNestedAndEmptyHeadings() {
        assertThat(MarkdownHeadings.of(MD, new Rules(false, false, false))).extracting(Heading::text)
                .containsExactly("One");
    }
}
