package dev.mcpbridge.jinavigator;

import static dev.mcpbridge.jinavigator.JinaBridges.call;
import static dev.mcpbridge.jinavigator.JinaBridges.results;
import static dev.mcpbridge.jinavigator.JinaBridges.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.app.Bridge;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The four tools through the bridge, reading the loopback site (allowed by host, as an operator allows an intranet). */
class LocalBackendTest {

    private static PageServer site;
    private static Bridge bridge;

    @BeforeAll
    static void start() {
        site = new PageServer();
        bridge = JinaBridges.start(Map.of("allowHosts", site.hostPort(), "timeoutMs", "3000",
                "maxPageBytes", "6000000", "maxConcurrency", "2", "maxUrls", "5"));
    }

    @AfterAll
    static void stop() {
        bridge.close();
        site.close();
    }

    private static CallToolResult convert(Map<String, Object> args) {
        return call(bridge, "convert_web_to_markdown", args);
    }

    @Test
    void anArticleComesBackAsItsMainContentInMarkdown() {
        CallToolResult r = convert(Map.of("url", site.url("/article.html")));
        assertThat(r.isError()).isFalse();
        assertThat(text(r)).startsWith("# Tide Pools of the North Coast")
                .contains("Volunteers log every species", "[flat volcanic shelves](" + site.url("/guides/rocks.html") + ")")
                .doesNotContain("Celebrity gossip", "Copyright", "cookies");
    }

    @Test
    void lineRangeThenCharacterWindowWithANoteWhereToContinue() {
        String whole = text(convert(Map.of("url", site.url("/article.html"))));
        String[] lines = whole.split("\n", -1);
        assertThat(text(convert(Map.of("url", site.url("/article.html"), "start_line", 1, "end_line", 1))))
                .isEqualTo("# Tide Pools of the North Coast");
        assertThat(text(convert(Map.of("url", site.url("/article.html"), "start_line", 3, "end_line", 4))))
                .isEqualTo(lines[2] + "\n" + lines[3]);
        String window = text(convert(Map.of("url", site.url("/article.html"), "max_length", 10)));
        assertThat(window).isEqualTo(whole.substring(0, 10) + "\n\n[Content truncated: characters 0-10 of "
                + whole.length() + "; continue with start_index=10]");
        assertThat(text(convert(Map.of("url", site.url("/article.html"), "start_index", whole.length() - 5))))
                .isEqualTo(whole.substring(whole.length() - 5));
    }

    @Test
    void errorsAreToolErrorsThatNameTheProblem() {
        CallToolResult missing = convert(Map.of("url", site.url("/missing.html")));
        assertThat(missing.isError()).isTrue();
        assertThat(text(missing)).contains("HTTP 404 from " + site.url("/missing.html"));
        CallToolResult badRange = convert(Map.of("url", site.url("/article.html"), "start_line", 5000));
        assertThat(badRange.isError()).isTrue();
        assertThat(text(badRange)).contains("start_line 5000 is past the end of the page");
        CallToolResult image = convert(Map.of("url", site.url("/image.png")));
        assertThat(image.isError()).isTrue();
        assertThat(text(image)).contains("is image/png, which is not turned into Markdown");
        CallToolResult noUrl = convert(Map.of());
        assertThat(noUrl.isError()).isTrue();
        assertThat(text(noUrl)).contains("url");
    }

    @Test
    void charsetsFromTheHeaderAndFromMetaTags() {
        assertThat(text(convert(Map.of("url", site.url("/latin1.html"))))).contains("Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e");
        assertThat(text(convert(Map.of("url", site.url("/cp1251-meta.html"))))).contains("\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440");
        assertThat(text(convert(Map.of("url", site.url("/sjis-meta.html"))))).contains("\u6f6e\u3060\u307e\u308a");
    }

    @Test
    void markdownTextAndPdfPages() {
        assertThat(text(convert(Map.of("url", site.url("/notes.md"))))).isEqualTo(PageServer.SETEXT);
        assertThat(text(convert(Map.of("url", site.url("/plain.txt"))))).isEqualTo("line one\nline two\nline three\n");
        assertThat(text(convert(Map.of("url", site.url("/doc.pdf"))))).contains("# Harbour Report",
                "Quarterly harbour traffic rose", "Dredging resumes");
    }

    @Test
    void redirectsAreFollowedAndLoopsStopped() {
        assertThat(text(convert(Map.of("url", site.url("/redirect-chain"))))).startsWith("# Tide Pools");
        CallToolResult loop = convert(Map.of("url", site.url("/loop")));
        assertThat(loop.isError()).isTrue();
        assertThat(text(loop)).contains("too many redirects");
    }

    @Test
    void aFiveMegabytePageIsReadWhole() {
        // Its own bridge: the shared one has a short page timeout for the slow-page test, too short for 5 MB on a
        // loaded machine.
        Bridge patient = JinaBridges.start(Map.of("allowHosts", site.hostPort(), "timeoutMs", "50000",
                "maxPageBytes", "6000000"));
        try {
            String md = text(call(patient, "convert_web_to_markdown", Map.of("url", site.url("/big.html"))));
            assertThat(md).contains("START-MARKER").contains("END-MARKER");
        } finally {
            patient.close();
        }
    }

    @Test
    void aPageLargerThanTheLimitIsCutWithANotice() {
        Bridge small = JinaBridges.start(Map.of("allowHosts", site.hostPort(), "maxPageBytes", "100000"));
        try {
            String md = text(call(small, "convert_web_to_markdown", Map.of("url", site.url("/big.html"))));
            assertThat(md).contains("START-MARKER").doesNotContain("END-MARKER")
                    .endsWith("[The page is larger than 100000 bytes; only its beginning was read]");
        } finally {
            small.close();
        }
    }

    @Test
    void aPageThatNeverFinishesTimesOut() {
        CallToolResult slow = convert(Map.of("url", site.url("/slow")));
        assertThat(slow.isError()).isTrue();
        assertThat(text(slow)).contains("did not answer within 3000 ms");
    }

    @Test
    void robotsTxtIsHonouredUnlessTurnedOff() {
        CallToolResult refused = convert(Map.of("url", site.url("/private/page.html")));
        assertThat(refused.isError()).isTrue();
        assertThat(text(refused)).contains("robots.txt", "disallows");
        assertThat(site.hits("/private/page.html")).isZero();
        Bridge ignoring = JinaBridges.start(Map.of("allowHosts", site.hostPort(), "respectRobots", "false"));
        try {
            assertThat(text(call(ignoring, "convert_web_to_markdown", Map.of("url", site.url("/private/page.html")))))
                    .contains("secret page");
        } finally {
            ignoring.close();
        }
    }

    @Test
    void targetSelectorKeepsTheChosenPart() {
        assertThat(text(convert(Map.of("url", site.url("/article.html"), "target_selector", "footer"))))
                .contains("Copyright 2026").doesNotContain("Tide pools form");
        CallToolResult none = convert(Map.of("url", site.url("/article.html"), "target_selector", "#nothing"));
        assertThat(none.isError()).isTrue();
        assertThat(text(none)).contains("nothing on the page matches target_selector '#nothing'");
    }

    @Test
    void pagesAreCachedUntilNoCacheIsAsked() {
        int before = site.hits("/plain.txt");
        convert(Map.of("url", site.url("/plain.txt")));
        convert(Map.of("url", site.url("/plain.txt")));
        int afterTwo = site.hits("/plain.txt");
        assertThat(afterTwo - before).isLessThanOrEqualTo(1);
        convert(Map.of("url", site.url("/plain.txt"), "no_cache", true));
        assertThat(site.hits("/plain.txt")).isEqualTo(afterTwo + 1);
    }

    @Test
    void accessJinaResourceReadsTheSamePageByUri() {
        String direct = text(convert(Map.of("url", site.url("/article.html"))));
        assertThat(text(call(bridge, "access_jina_resource", Map.of("uri", "jina://" + site.url("/article.html")))))
                .isEqualTo(direct);
        assertThat(text(call(bridge, "access_jina_resource", Map.of("uri", "jina://" + site.url("/article.html"),
                "start_line", 1, "end_line", 1)))).isEqualTo("# Tide Pools of the North Coast");
        CallToolResult bad = call(bridge, "access_jina_resource", Map.of("uri", site.url("/article.html")));
        assertThat(bad.isError()).isTrue();
        assertThat(text(bad)).contains("is not a jina:// URI");
    }

    @Test
    void multiConvertAnswersEachPageInOrderAndAFailureStaysWithItsPage() {
        CallToolResult r = call(bridge, "multi_convert", Map.of("urls", List.of(
                Map.of("url", site.url("/article.html"), "start_line", 1, "end_line", 1),
                Map.of("url", site.url("/missing.html")),
                Map.of("url", site.url("/plain.txt")),
                Map.of("url", "file:///etc/passwd"))));
        assertThat(r.isError()).isFalse();
        List<Map<String, Object>> results = results(r);
        assertThat(results).extracting(m -> m.get("success")).containsExactly(true, false, true, false);
        assertThat(results.get(0)).containsEntry("content", "# Tide Pools of the North Coast");
        assertThat((String) results.get(1).get("error")).contains("HTTP 404");
        assertThat((String) results.get(3).get("error")).contains("only http and https");
        assertThat(text(r)).startsWith("[").contains("\"success\" : false");
    }

    @Test
    void multiConvertRefusesMoreUrlsThanAllowed() {
        List<Map<String, Object>> six = java.util.stream.IntStream.range(0, 6)
                .mapToObj(i -> Map.<String, Object>of("url", site.url("/plain.txt"))).toList();
        CallToolResult r = call(bridge, "multi_convert", Map.of("urls", six));
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).contains("6 URLs given; at most 5");
    }

    @Test
    @SuppressWarnings("unchecked")
    void outlineGivesTheHeadingTreeWithLinesThatMatchTheConvertedPage() {
        CallToolResult r = call(bridge, "extract_markdown_outline", Map.of("urls", List.of(
                Map.of("url", site.url("/article.html")), Map.of("url", site.url("/notes.md")),
                Map.of("url", site.url("/missing.html"))), "max_depth", 2));
        List<Map<String, Object>> results = results(r);
        assertThat(results.get(0)).containsEntry("success", true).containsEntry("max_depth", 2);
        List<Map<String, Object>> outline = (List<Map<String, Object>>) results.get(0).get("outline");
        assertThat(outline).hasSize(1);
        Map<String, Object> title = outline.get(0);
        assertThat(title).containsEntry("text", "Tide Pools of the North Coast").containsEntry("level", 1);
        List<Map<String, Object>> sections = (List<Map<String, Object>>) title.get("children");
        assertThat(sections).extracting(s -> s.get("text")).containsExactly("Where to look", "Counting what you see");
        int line = ((Number) sections.get(1).get("line")).intValue();
        assertThat(text(convert(Map.of("url", site.url("/article.html"), "start_line", line, "end_line", line))))
                .isEqualTo("## Counting what you see");
        List<Map<String, Object>> notes = (List<Map<String, Object>>) results.get(1).get("outline");
        assertThat(notes.get(0)).containsEntry("text", "Field Guide").containsEntry("line", 1);
        assertThat(results.get(2)).containsEntry("success", false);
        CallToolResult clamped = call(bridge, "extract_markdown_outline", Map.of("urls",
                List.of(Map.of("url", site.url("/notes.md"))), "max_depth", 12));
        assertThat(results(clamped).get(0)).containsEntry("max_depth", 6);
    }
}
