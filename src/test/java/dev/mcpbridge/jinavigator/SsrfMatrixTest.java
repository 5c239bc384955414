package dev.mcpbridge.jinavigator;

import static dev.mcpbridge.jinavigator.JinaBridges.call;
import static dev.mcpbridge.jinavigator.JinaBridges.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.app.Bridge;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With the default settings (nothing private allowed) no spelling of a loopback, private, link-local or metadata
 * address and no non-http scheme gets through, directly or by redirect; the loopback site counts its requests to
 * prove that nothing reached it. The allowed bridge shows that a redirect out of an allowed host is checked again.
 */
class SsrfMatrixTest {

    private static PageServer site;
    private static Bridge strict;
    private static Bridge allowed;

    @BeforeAll
    static void start() {
        site = new PageServer();
        strict = JinaBridges.start(Map.of("timeoutMs", "3000", "respectRobots", "false"));
        allowed = JinaBridges.start(Map.of("allowHosts", site.hostPort(), "timeoutMs", "3000",
                "respectRobots", "false"));
    }

    @AfterAll
    static void stop() {
        strict.close();
        allowed.close();
        site.close();
    }

    static Stream<String> refusedUrls() {
        int port = site == null ? 80 : site.port();
        return Stream.of(
                "http://127.0.0.1:%d/article.html", "http://localhost:%d/article.html", "http://LOCALHOST:%d/article.html",
                "http://127.1:%d/article.html", "http://127.0.0.2:%d/article.html", "http://2130706433:%d/article.html",
                "http://0x7f000001:%d/article.html", "http://0177.0.0.1:%d/article.html",
                "http://017700000001:%d/article.html", "http://0:%d/article.html", "http://0.0.0.0:%d/article.html",
                "http://[::1]:%d/article.html", "http://[::ffff:127.0.0.1]:%d/article.html",
                "http://[::ffff:7f00:1]:%d/article.html", "http://[0:0:0:0:0:0:0:1]:%d/article.html",
                "http://169.254.169.254:%d/latest/meta-data/", "http://[fd00::1]:%d/", "http://10.0.0.1:%d/",
                "http://192.168.1.1:%d/", "http://172.16.0.1:%d/", "http://100.64.0.1:%d/",
                "http://user:pw@example.com:%d/", "file:///etc/passwd", "ftp://127.0.0.1:%d/", "gopher://127.0.0.1:%d/_",
                "jar:http://127.0.0.1:%d/x.jar!/", "data:text/html,<p>x</p>", "javascript:alert(1)", "//127.0.0.1:%d/",
                "not a url").map(u -> u.contains("%d") ? String.format(u, port) : u);
    }

    @ParameterizedTest
    @MethodSource("refusedUrls")
    void refusedWithAClearErrorAndNothingReachesTheSite(String url) {
        int before = site.totalHits();
        CallToolResult r = call(strict, "convert_web_to_markdown", Map.of("url", url));
        assertThat(r.isError()).as(url).isTrue();
        assertThat(text(r)).as(url).containsAnyOf("private, loopback or link-local", "only http and https",
                "is unknown", "has no host", "credentials", "not a valid URL", "ambiguous numeric address");
        assertThat(site.totalHits()).as("requests that reached the site for " + url).isEqualTo(before);
    }

    @Test
    void theRefusalSaysHowTheOperatorCanAllowAHost() {
        assertThat(text(call(strict, "convert_web_to_markdown", Map.of("url", site.url("/article.html")))))
                .contains("JINA_ALLOW_HOSTS", "JINA_ALLOW_PRIVATE");
    }

    @Test
    void aRedirectFromAnAllowedHostToAPrivateAddressOrOtherSchemeIsRefused() {
        for (String path : List.of("/to-metadata", "/to-loopback-alias", "/to-file")) {
            CallToolResult r = call(allowed, "convert_web_to_markdown", Map.of("url", site.url(path)));
            assertThat(r.isError()).as(path).isTrue();
            assertThat(text(r)).as(path).containsAnyOf("private, loopback or link-local", "only http and https");
        }
        assertThat(site.hits("/article.html")).isZero();
    }

    @Test
    void theResourceAndTheOtherToolsUseTheSameGuard() {
        assertThat(text(call(strict, "access_jina_resource", Map.of("uri", "jina://http://169.254.169.254/"))))
                .contains("private, loopback or link-local");
        CallToolResult multi = call(strict, "multi_convert", Map.of("urls", List.of(Map.of("url", "http://[::1]/"))));
        assertThat(JinaBridges.results(multi).get(0)).containsEntry("success", false);
        CallToolResult outline = call(strict, "extract_markdown_outline", Map.of("urls",
                List.of(Map.of("url", "http://127.0.0.1/"))));
        assertThat(JinaBridges.results(outline).get(0)).containsEntry("success", false);
    }
}
