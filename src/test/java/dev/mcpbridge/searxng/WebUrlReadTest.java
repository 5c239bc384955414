package dev.mcpbridge.searxng;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.mcpbridge.searxng.SearxngBridges.call;
import static dev.mcpbridge.searxng.SearxngBridges.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.mcpbridge.core.app.Bridge;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.charset.Charset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** web_url_read against pages served on loopback (allowed explicitly, as an operator would allow an intranet). */
class WebUrlReadTest {

    private static final String PAGE = """
            <html><head><title>Guide</title><script>evil()</script></head><body>
            <nav><a href="/home">Home</a></nav>
            <main>
            <h1>Guide</h1>
            <p>First paragraph with a <a href="/docs/a">relative link</a>.</p>
            <h2>Install</h2>
            <p>Run the installer.</p>
            <pre><code># not a heading
            mvn package</code></pre>
            <h2>Usage</h2>
            <p>Second section text.</p>
            <table><tr><th>Key</th><th>Value</th></tr><tr><td>a</td><td>1</td></tr></table>
            <h3>Details</h3><p>Deeper text.</p>
            </main><footer>Copyright</footer></body></html>
            """;

    private static WireMockServer web;
    private static Bridge bridge;
    private static Bridge strict;

    @BeforeAll
    static void start() {
        web = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        web.start();
        web.stubFor(get("/guide").willReturn(aResponse().withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody(PAGE)));
        web.stubFor(get("/latin1").willReturn(aResponse().withHeader("Content-Type", "text/html; charset=ISO-8859-1")
                .withBody("<html><body><p>Caf\u00e9 cr\u00e8me</p></body></html>".getBytes(Charset.forName("ISO-8859-1")))));
        web.stubFor(get("/meta-charset").willReturn(aResponse().withHeader("Content-Type", "text/html")
                .withBody(("<html><head><meta charset=\"windows-1252\"></head><body><p>\u20ac 5 na\u00efve</p></body></html>")
                        .getBytes(Charset.forName("windows-1252")))));
        web.stubFor(get("/data.json").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"a\":1,\"b\":[true,null]}")));
        web.stubFor(get("/huge").willReturn(aResponse().withHeader("Content-Type", "text/plain")
                .withBody("x".repeat(300_000))));
        web.stubFor(get("/binary").willReturn(aResponse().withHeader("Content-Type", "application/zip")
                .withBody(new byte[] {80, 75, 3, 4})));
        web.stubFor(get("/to-backslash").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http:\\\\evil.example\\admin")));
        web.stubFor(get("/to-metadata").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/")));
        web.stubFor(get("/to-guide").willReturn(aResponse().withStatus(301).withHeader("Location", "/guide")));
        web.stubFor(get("/missing").willReturn(aResponse().withStatus(404)));
        String host = "127.0.0.1:" + web.port();
        bridge = SearxngBridges.start(Map.of("url", "http://127.0.0.1:9", "allowHosts", host, "maxPageBytes", "100000"));
        strict = SearxngBridges.start(Map.of("url", "http://127.0.0.1:9"));
    }

    @AfterAll
    static void stop() {
        bridge.close();
        strict.close();
        web.stop();
    }

    private static String page(String path) {
        return "http://127.0.0.1:" + web.port() + path;
    }

    private static CallToolResult read(Bridge b, Map<String, Object> args) {
        return call(b, "web_url_read", args);
    }

    @Test
    void htmlBecomesCleanMarkdownWithAbsoluteLinksTablesAndCode() {
        String md = text(read(bridge, Map.of("url", page("/guide"))));
        assertThat(md).startsWith("# Guide").contains("## Install", "## Usage", "### Details")
                .contains("[relative link](" + page("/docs/a") + ")")
                .contains("| Key | Value |").contains("mvn package")
                .doesNotContain("evil()").doesNotContain("Home").doesNotContain("Copyright");
    }

    @Test
    void typographyIsKeptAsWritten() {
        web.stubFor(get("/quotes").willReturn(aResponse().withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<p>He said \u201chello\u201d \u2014 it\u2019s 1\u20135 items\u2026</p>")));
        assertThat(text(read(bridge, Map.of("url", page("/quotes")))))
                .contains("He said \u201chello\u201d \u2014 it\u2019s 1\u20135 items\u2026");
    }

    @Test
    void headingsOutlineSkipsCodeFences() {
        String outline = text(read(bridge, Map.of("url", page("/guide"), "readHeadings", true)));
        assertThat(outline).isEqualTo("- Guide\n  - Install\n  - Usage\n    - Details");
    }

    @Test
    void aSectionRunsToTheNextHeadingOfItsLevel() {
        String usage = text(read(bridge, Map.of("url", page("/guide"), "section", "usage")));
        assertThat(usage).startsWith("## Usage").contains("Second section text.", "### Details", "Deeper text.")
                .doesNotContain("Run the installer");
        CallToolResult none = read(bridge, Map.of("url", page("/guide"), "section", "Nope"));
        assertThat(none.isError()).isTrue();
        assertThat(text(none)).contains("no heading contains 'Nope'", "Install | Usage");
    }

    @Test
    void paragraphRangesAndCharacterWindows() {
        String second = text(read(bridge, Map.of("url", page("/guide"), "paragraphRange", "2")));
        assertThat(second).isEqualTo("First paragraph with a [relative link](" + page("/docs/a") + ").");
        String window = text(read(bridge, Map.of("url", page("/guide"), "startChar", 2, "maxLength", 5)));
        assertThat(window).startsWith("Guide\n\n[Content truncated: characters 2-7 of ").contains("startChar=7");
        assertThat(text(read(bridge, Map.of("url", page("/guide"), "paragraphRange", "x-y"))))
                .contains("paragraphRange must look like");
        assertThat(read(bridge, Map.of("url", page("/guide"), "readHeadings", true, "section", "a")).isError()).isTrue();
    }

    @Test
    void charsetsFromTheHeaderAndFromTheMetaTag() {
        assertThat(text(read(bridge, Map.of("url", page("/latin1"))))).contains("Caf\u00e9 cr\u00e8me");
        assertThat(text(read(bridge, Map.of("url", page("/meta-charset"))))).contains("\u20ac 5 na\u00efve");
    }

    @Test
    void jsonIsPrettyPrintedAndBinaryRefused() {
        assertThat(text(read(bridge, Map.of("url", page("/data.json"))))).contains("\"a\" : 1");
        CallToolResult zip = read(bridge, Map.of("url", page("/binary")));
        assertThat(zip.isError()).isTrue();
        assertThat(text(zip)).contains("application/zip");
    }

    @Test
    void hugePagesAreCutWithANotice() {
        // Repeated: stopping the download past the cap races with keeping what was read.
        for (int i = 0; i < 20; i++) {
            String text = text(read(bridge, Map.of("url", page("/huge"))));
            assertThat(text).endsWith("[The page is larger than 100000 bytes; only its beginning was read]");
            assertThat(text.length()).isLessThan(100_200);
        }
    }

    @Test
    void redirectsAreFollowedAndEachTargetChecked() {
        assertThat(text(read(bridge, Map.of("url", page("/to-guide"))))).startsWith("# Guide");
        CallToolResult metadata = read(bridge, Map.of("url", page("/to-metadata")));
        assertThat(metadata.isError()).isTrue();
        assertThat(text(metadata)).contains("169.254.169.254", "not allowed");
    }

    @Test
    void aRedirectToSomethingThatIsNotAUrlIsABadRedirect() {
        CallToolResult r = read(bridge, Map.of("url", page("/to-backslash")));
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).isEqualTo("bad redirect from " + page("/to-backslash") + ": its Location "
                + "'http:\\\\evil.example\\admin' is not a valid URL");
    }

    @Test
    void privateAndLoopbackTargetsAreRefusedByDefault() {
        for (String url : new String[] {page("/guide"), "http://localhost/", "http://10.0.0.1/", "http://[::1]/",
                "http://192.168.1.1/", "http://0.0.0.0/"}) {
            CallToolResult r = read(strict, Map.of("url", url));
            assertThat(r.isError()).as(url).isTrue();
            assertThat(text(r)).as(url).contains("not allowed");
        }
        assertThat(text(read(strict, Map.of("url", "file:///etc/passwd")))).contains("only http and https");
    }

    @Test
    void httpErrorsAreReported() {
        CallToolResult r = read(bridge, Map.of("url", page("/missing")));
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).startsWith("HTTP 404 from");
    }
}
