package dev.mcpbridge.lib.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.mcpbridge.core.spi.ToolException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fetcher connects only where the guard agreed, at the moment of connecting. */
class WebFetcherTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static WireMockServer web;

    @BeforeAll
    static void start() {
        web = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        web.start();
        web.stubFor(get("/page").willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody("hello")));
        web.stubFor(get("/big").willReturn(aResponse().withBody("y".repeat(50_000))));
    }

    @AfterAll
    static void stop() {
        web.stop();
    }

    @BeforeEach
    void reset() {
        web.resetRequests();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static WebFetcher fetcher(UrlGuard guard) {
        return new WebFetcher(guard, "", Duration.ofSeconds(10), "test-agent");
    }

    @Test
    void aNameReboundToLoopbackAfterTheCheckIsNotReached() {
        // The attacker's DNS answers a public address to the check, then loopback to the connection.
        AtomicInteger lookups = new AtomicInteger();
        UrlGuard guard = new UrlGuard(false, Set.of(), "allow it with allowHosts", host -> new InetAddress[] {
                lookups.getAndIncrement() == 0 ? address("93.184.216.34") : address("127.0.0.1")});
        String url = "http://rebind.example:" + web.port() + "/page";
        assertThatThrownBy(() -> fetcher(guard).get(url, Map.of(), TIMEOUT, 1000))
                .isInstanceOf(ToolException.class)
                .hasMessage("'rebind.example' is a private, loopback or link-local address; reading it is not allowed "
                        + "(allow it with allowHosts)");
        assertThat(lookups.get()).as("the check, then the connection, each resolved the name").isEqualTo(2);
        web.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theConnectionUsesTheGuardsResolutionAndAnAllowedName() {
        UrlGuard guard = new UrlGuard(false, Set.of("wiki.internal:" + web.port()), "",
                host -> new InetAddress[] {address("127.0.0.1")});
        WebFetcher.Answer answer = fetcher(guard).get("http://wiki.internal:" + web.port() + "/page", Map.of(),
                TIMEOUT, 1000);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(answer.mediaType()).isEqualTo("text/plain");
        assertThat(answer.truncated()).isFalse();
        web.verify(1, anyRequestedFor(anyUrl()).withHeader("User-Agent",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("test-agent")));
        // The entry names one port: the same private host on another port stays refused.
        assertThatThrownBy(() -> fetcher(guard).get("http://wiki.internal:" + (web.port() + 1) + "/page", Map.of(),
                TIMEOUT, 1000)).hasMessageContaining("is a private, loopback or link-local address");
        assertThatThrownBy(() -> fetcher(guard).get("http://127.0.0.1:" + web.port() + "/page", Map.of(), TIMEOUT,
                1000)).as("an allowed name does not allow its address").hasMessageContaining("not allowed");
    }

    @Test
    void aBodyPastTheCapIsCutAndSaysSo() {
        UrlGuard guard = new UrlGuard(true, Set.of(), "");
        WebFetcher.Answer answer = fetcher(guard).get("http://127.0.0.1:" + web.port() + "/big", Map.of(), TIMEOUT,
                10_000);
        assertThat(answer.truncated()).isTrue();
        assertThat(answer.body()).hasSize(10_000);
        WebFetcher.Answer exact = fetcher(guard).get("http://127.0.0.1:" + web.port() + "/big", Map.of(), TIMEOUT,
                50_000);
        assertThat(exact.truncated()).isFalse();
        assertThat(exact.body()).hasSize(50_000);
    }

    @Test
    void anUnknownHostAndARefusedConnectionAreNamed() {
        UrlGuard guard = new UrlGuard(true, Set.of(), "", host -> {
            throw new UnknownHostException(host);
        });
        assertThatThrownBy(() -> fetcher(guard).get("http://nowhere.example/", Map.of(), TIMEOUT, 1000))
                .hasMessage("the host 'nowhere.example' is unknown");
        UrlGuard open = new UrlGuard(true, Set.of(), "");
        assertThatThrownBy(() -> fetcher(open).get("http://127.0.0.1:9/", Map.of(), TIMEOUT, 1000))
                .hasMessage("could not fetch http://127.0.0.1:9/ (connection refused)");
    }
}
