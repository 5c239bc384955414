package dev.mcpbridge.jinavigator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpbridge.core.spi.ToolException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The conversion itself, without the network: main content, Markdown shape, PDF, pass-through, refusals. */
class PageConverterTest {

    private static final String BASE = "https://coast.example/news/2026/tide-pools.html";

    private static String article() {
        return PageConverter.convert(PageServer.ARTICLE.getBytes(StandardCharsets.UTF_8), "text/html",
                StandardCharsets.UTF_8, BASE);
    }

    @Test
    void theArticleIsKeptAndTheBoilerplateAroundItIsNot() {
        String md = article();
        assertThat(md).startsWith("# Tide Pools of the North Coast")
                .contains("Anemones close into tight green knots", "Volunteers log every species",
                        "Each entry names the pool")
                .doesNotContain("cookies", "Most read", "Celebrity gossip", "newsletter", "Related stories",
                        "Whales spotted", "Copyright", "Privacy policy", "Share on Facebook", "tracking code",
                        "Hidden promotional", "About us");
    }

    @Test
    void headingsTablesCodeLinksAndImagesBecomeGitHubMarkdown() {
        String md = article();
        assertThat(md).contains("## Where to look", "### Tide tables", "## Counting what you see")
                .contains("```python\n# this line is a comment, not a heading\n")
                .contains("[flat volcanic shelves](https://coast.example/guides/rocks.html)")
                .contains("![A green anemone](https://coast.example/news/2026/images/anemone.jpg)");
        assertThat(md.replaceAll(" +", " ")).contains("| Day | Low tide | Height |", "| Monday | 06:12 | 0.4 m |");
        assertThat(MarkdownOutline.headings(md)).extracting(MarkdownOutline.Heading::text)
                .containsExactly("Tide Pools of the North Coast", "Where to look", "Tide tables",
                        "Counting what you see");
    }

    @Test
    void markdownAndPlainTextPassThrough() {
        assertThat(PageConverter.convert(PageServer.SETEXT.getBytes(StandardCharsets.UTF_8), "text/markdown", null, BASE))
                .isEqualTo(PageServer.SETEXT);
        assertThat(PageConverter.convert("a\nb".getBytes(StandardCharsets.UTF_8), "text/plain", null, BASE))
                .isEqualTo("a\nb");
    }

    @Test
    void pdfBecomesItsTextPageByPage() {
        String md = PageConverter.convert(PageServer.pdf(), "application/pdf", null, BASE);
        assertThat(md).startsWith("# Harbour Report").contains("## Page 1", "Quarterly harbour traffic rose",
                "## Page 2", "Dredging resumes in the spring.");
    }

    @Test
    void otherTypesAndBrokenPdfsAreRefusedByName() {
        assertThatThrownBy(() -> PageConverter.convert(new byte[] {1, 2}, "image/png", null, BASE))
                .isInstanceOf(ToolException.class).hasMessageContaining("is image/png, which is not turned into Markdown");
        assertThatThrownBy(() -> PageConverter.convert("not a pdf".getBytes(StandardCharsets.UTF_8), "application/pdf",
                null, BASE)).isInstanceOf(ToolException.class).hasMessageContaining("is not a readable PDF");
    }

    @Test
    void invisibleCharactersUsedToHideInstructionsAreRemoved() {
        String md = PageConverter.convert("<p>vis\u200bible \u202etext</p>".getBytes(StandardCharsets.UTF_8),
                "text/html", StandardCharsets.UTF_8, BASE);
        assertThat(md).contains("visible text");
    }
}
