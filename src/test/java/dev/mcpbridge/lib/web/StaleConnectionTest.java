package dev.mcpbridge.lib.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second read of a page works when the server closed the connection the first one used: the fetcher sends the
 * request again on a fresh connection instead of answering "could not fetch".
 */
class StaleConnectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static WebFetcher fetcher() {
        return new WebFetcher(new UrlGuard(true, Set.of(), ""), "", Duration.ofSeconds(10), "test-agent");
    }

    @Test
    void pythonsHttpServerWhichClosesAfterEachResponseAnswersEveryRead(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("page.txt"), "hello");
        Process python;
        try {
            python = new ProcessBuilder("python3", "-u", "-m", "http.server", "--bind", "127.0.0.1", "0")
                    .directory(root.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "python3 is not installed: " + e.getMessage());
            return;
        }
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(python.getInputStream(),
                    StandardCharsets.UTF_8));
            Matcher port = Pattern.compile("port (\\d+)").matcher(out.readLine());
            assertThat(port.find()).isTrue();
            String url = "http://127.0.0.1:" + port.group(1) + "/page.txt";
            WebFetcher fetcher = fetcher();
            for (int read = 1; read <= 4; read++) {
                WebFetcher.Answer answer = fetcher.get(url, Map.of(), TIMEOUT, 1_000);
                assertThat(answer.status()).as("read " + read).isEqualTo(200);
            }
        } finally {
            python.destroy();
            python.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKeepAliveServerThatDroppedTheIdleConnectionAnswersTheNextRead() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setIdleTimeout(200);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Content.Sink.write(response, true, "hello", callback);
                return true;
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + connector.getLocalPort() + "/page";
            WebFetcher fetcher = fetcher();
            assertThat(fetcher.get(url, Map.of(), TIMEOUT, 1_000).status()).isEqualTo(200);
            // The condition awaited is the server's own: it has closed the idle connection the fetcher pooled.
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!connector.getConnectedEndPoints().isEmpty() && System.nanoTime() < giveUp) {
                Thread.onSpinWait();
            }
            assertThat(connector.getConnectedEndPoints()).as("server closed the idle connection").isEmpty();
            assertThat(fetcher.get(url, Map.of(), TIMEOUT, 1_000).status()).isEqualTo(200);
        } finally {
            server.stop();
        }
    }
}
