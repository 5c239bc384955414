package dev.mcpbridge.jinavigator;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.mcpbridge.jinavigator.JinaBridges.call;
import static dev.mcpbridge.jinavigator.JinaBridges.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.mcpbridge.core.app.Bridge;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** backend: jina against WireMock standing in for Jina Reader: key, timeout, options, and its error answers. */
class JinaBackendTest {

    private static final String PAGE = "https://example.com/docs/guide";
    private static final String JINA_MARKDOWN = """
            Title: Guide

            URL Source: https://example.com/docs/guide

            Markdown Content:
            Guide
            =====

            Intro paragraph.

            Install
            -------

            ```sh
            # not a heading
            ```
            """;

    private static WireMockServer jina;
    private static Bridge keyed;
    private static Bridge anonymous;
    private static Bridge hasty;

    @BeforeAll
    static void start() {
        jina = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        jina.start();
        String base = "http://127.0.0.1:" + jina.port();
        keyed = JinaBridges.start(Map.of("backend", "jina", "jinaUrl", base, "apiKey", "jina_test_key_123",
                "timeoutMs", "60000"));
        anonymous = JinaBridges.start(Map.of("backend", "jina", "jinaUrl", base + "/", "cacheTtlSeconds", "0"));
        hasty = JinaBridges.start(Map.of("backend", "jina", "jinaUrl", base, "timeoutMs", "1500"));
    }

    @AfterAll
    static void stop() {
        keyed.close();
        anonymous.close();
        hasty.close();
        jina.stop();
    }

    @BeforeEach
    void reset() {
        jina.resetAll();
    }

    @Test
    void sendsTheKeyAndTimeoutAndReturnsJinasMarkdown() {
        jina.stubFor(get(urlEqualTo("/" + PAGE)).willReturn(aResponse().withHeader("Content-Type", "text/plain")
                .withBody(JINA_MARKDOWN)));
        CallToolResult r = call(keyed, "convert_web_to_markdown", Map.of("url", PAGE, "no_cache", true));
        assertThat(r.isError()).as(text(r)).isFalse();
        assertThat(text(r)).isEqualTo(JINA_MARKDOWN);
        jina.verify(getRequestedFor(urlEqualTo("/" + PAGE))
                .withHeader("Authorization", equalTo("Bearer jina_test_key_123"))
                .withHeader("X-Timeout", equalTo("60"))
                .withHeader("X-Return-Format", equalTo("markdown"))
                .withHeader("X-No-Cache", equalTo("true"))
                .withHeader("X-Target-Selector", absent()));
    }

    @Test
    void passesTheTargetSelectorAndSendsNoKeyWhenNoneIsSet() {
        jina.stubFor(get(urlEqualTo("/" + PAGE)).willReturn(aResponse().withBody("# Only the main part")));
        assertThat(text(call(anonymous, "convert_web_to_markdown", Map.of("url", PAGE, "target_selector", "main"))))
                .isEqualTo("# Only the main part");
        jina.verify(getRequestedFor(urlEqualTo("/" + PAGE)).withHeader("X-Target-Selector", equalTo("main"))
                .withoutHeader("Authorization").withoutHeader("X-No-Cache"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOutlineReadsJinasSetextHeadingsAndSkipsCode() {
        jina.stubFor(get(urlEqualTo("/" + PAGE)).willReturn(aResponse().withBody(JINA_MARKDOWN)));
        CallToolResult r = call(anonymous, "extract_markdown_outline", Map.of("urls", List.of(Map.of("url", PAGE))));
        List<Map<String, Object>> outline = (List<Map<String, Object>>) JinaBridges.results(r).get(0).get("outline");
        assertThat(outline).hasSize(1);
        assertThat(outline.get(0)).containsEntry("text", "Guide").containsEntry("line", 6);
        assertThat((List<Map<String, Object>>) outline.get(0).get("children")).extracting(c -> c.get("text"))
                .containsExactly("Install");
    }

    @Test
    void errorsOfTheServiceAreToolErrorsWithoutTheKey() {
        jina.stubFor(get(urlEqualTo("/https://example.com/401")).willReturn(aResponse().withStatus(401)));
        jina.stubFor(get(urlEqualTo("/https://example.com/429")).willReturn(aResponse().withStatus(429)));
        jina.stubFor(get(urlEqualTo("/https://example.com/422")).willReturn(aResponse().withStatus(422)
                .withBody("{\"code\":422,\"readableMessage\":\"Domain example.com could not be resolved\"}")));
        jina.stubFor(get(urlEqualTo("/https://example.com/slow")).willReturn(aResponse().withFixedDelay(10_000)
                .withBody("late")));
        String unauthorised = text(call(keyed, "convert_web_to_markdown", Map.of("url", "https://example.com/401")));
        assertThat(unauthorised).contains("Jina Reader refused the request (HTTP 401)", "check JINA_API_KEY")
                .doesNotContain("jina_test_key_123");
        assertThat(text(call(anonymous, "convert_web_to_markdown", Map.of("url", "https://example.com/429"))))
                .contains("rate limit", "a JINA_API_KEY raises it");
        assertThat(text(call(anonymous, "convert_web_to_markdown", Map.of("url", "https://example.com/422"))))
                .contains("HTTP 422", "Domain example.com could not be resolved");
        CallToolResult slow = call(hasty, "convert_web_to_markdown", Map.of("url", "https://example.com/slow"));
        assertThat(slow.isError()).isTrue();
        assertThat(text(slow)).contains("did not answer within 1500 ms");
    }

    @Test
    void theTargetUrlMustStillBeHttp() {
        CallToolResult r = call(keyed, "convert_web_to_markdown", Map.of("url", "file:///etc/passwd"));
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).contains("only http and https");
        assertThat(jina.getAllServeEvents()).isEmpty();
    }
}
