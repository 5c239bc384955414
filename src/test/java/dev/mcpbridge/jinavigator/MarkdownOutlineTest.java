package dev.mcpbridge.jinavigator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.jinavigator.MarkdownOutline.Heading;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarkdownOutlineTest {

    @Test
    void atxAndSetextHeadingsWithTheirLineNumbersAndNoneFromFencedCode() {
        assertThat(MarkdownOutline.headings(PageServer.SETEXT)).containsExactly(
                new Heading(1, "Field Guide", 1),
                new Heading(2, "Birds", 6),
                new Heading(3, "Gulls", 15),
                new Heading(2, "Shore life", 21),
                new Heading(4, "Deep detail", 24));
    }

    @Test
    void jinaReaderStyleOutputIsRead() {
        String jina = "Title: Example\n\nURL Source: https://example.com/\n\nMarkdown Content:\nExample Domain\n"
                + "==============\n\nThis domain is for use.\n\nMore\n----\n\n[link](https://iana.org)\n";
        assertThat(MarkdownOutline.headings(jina)).containsExactly(new Heading(1, "Example Domain", 6),
                new Heading(2, "More", 11));
    }

    @Test
    void thematicBreaksListsAndTablesAreNotSetextHeadings() {
        String md = "Text\n\n---\n\n- item\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quote\n---\n";
        assertThat(MarkdownOutline.headings(md)).isEmpty();
    }

    @Test
    void multiLineParagraphUnderlinedIsOneHeadingStartingOnItsFirstLine() {
        assertThat(MarkdownOutline.headings("intro\n\nfirst line\nsecond line\n===\n"))
                .containsExactly(new Heading(1, "first line second line", 3));
    }

    @Test
    void closingHashesEmptyHeadingsAndIndentation() {
        assertThat(MarkdownOutline.headings("## Title ##\n#\n   ### Indented\n    # code block\n#NoSpace\n"))
                .containsExactly(new Heading(2, "Title", 1), new Heading(3, "Indented", 3));
    }

    @Test
    void anUnclosedFenceHidesTheRestAndALongerFenceNeedsALongerClose() {
        assertThat(MarkdownOutline.headings("# A\n````\n```\n# hidden\n````\n# B\n```\n# hidden too\n"))
                .containsExactly(new Heading(1, "A", 1), new Heading(1, "B", 6));
    }

    @Test
    @SuppressWarnings("unchecked")
    void treeNestsByLevelAndStopsAtMaxDepth() {
        List<Map<String, Object>> tree = MarkdownOutline.tree(PageServer.SETEXT, 2);
        assertThat(tree).hasSize(1);
        assertThat(tree.get(0)).containsEntry("text", "Field Guide").containsEntry("line", 1);
        List<Map<String, Object>> children = (List<Map<String, Object>>) tree.get(0).get("children");
        assertThat(children).extracting(c -> c.get("text")).containsExactly("Birds", "Shore life");
        assertThat((List<?>) children.get(0).get("children")).isEmpty();
        List<Map<String, Object>> deep = MarkdownOutline.tree(PageServer.SETEXT, 6);
        List<Map<String, Object>> birds = (List<Map<String, Object>>) ((List<Map<String, Object>>) deep.get(0)
                .get("children")).get(0).get("children");
        assertThat(birds).extracting(c -> c.get("text")).containsExactly("Gulls");
    }
}
