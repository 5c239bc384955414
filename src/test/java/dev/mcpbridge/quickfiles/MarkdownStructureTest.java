package dev.mcpbridge.quickfiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.spi.TextResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownStructureTest {

    @TempDir
    Path dir;
    QuickFilesFixture qf;

    @BeforeEach
    void setUp() {
        qf = new QuickFilesFixture(dir);
    }

    /** Regression: the original counted '#' lines inside fenced code as headings. */
    @Test
    void atxAndSetextHeadingsCountAndCodeDoesNot() throws Exception {
        qf.write("doc.md", String.join("\n", "---", "title: x", "# not a heading (front matter)", "---",
                "# Title", "", "Intro text.", "", "Setext Two", "----------", "", "```bash", "# a comment", "```",
                "~~~", "## also code", "~~~", "", "    # indented code", "", "### Three ###", "", "Setext One", "===",
                ""));
        String text = qf.ok("extract_markdown_structure", Map.of("paths", List.of("doc.md")));
        assertThat(text).isEqualTo("## Markdown file structure\n\n### File: doc.md\n\n- [L5] Title\n"
                + "  - [L9] Setext Two\n    - [L21] Three\n- [L23] Setext One\n\n");
    }

    @Test
    void depthAndContext() throws Exception {
        qf.write("doc.md", "# One\n\nfirst line\nsecond line\nthird\n\n## Two\n### Three\nbody\n");
        String text = qf.ok("extract_markdown_structure", Map.of("paths", List.of("doc.md"), "max_depth", 2,
                "include_context", true, "context_lines", 2));
        assertThat(text).isEqualTo("## Markdown file structure\n\n### File: doc.md\n\n- [L1] One\n    first line\n"
                + "    second line\n  - [L7] Two\n\n");
        // Regression: the original added context even when include_context was false.
        assertThat(qf.ok("extract_markdown_structure", Map.of("paths", List.of("doc.md"), "context_lines", 2)))
                .doesNotContain("first line");
    }

    @Test
    void errorsPerFile() throws Exception {
        qf.write("notes.txt", "# x");
        qf.write("plain.md", "no headings here\n");
        TextResult r = qf.call("extract_markdown_structure", Map.of("paths", List.of("notes.txt", "plain.md",
                "missing.md")));
        assertThat(r.error()).isFalse();
        assertThat(r.text()).contains("### File: notes.txt\n\nError: not a Markdown file (.md or .markdown)")
                .contains("### File: plain.md\n\nNo headings found.")
                .contains("### File: missing.md\n\nError: 'missing.md' does not exist");
    }
}
