package dev.mcpbridge.searxng;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The JDK HTTP client, set up once with the adapter's proxy and timeouts; redirects are left to the caller. */
final class SearxHttp {

    /** A whole answer, its body read up to a cap. */
    record Answer(int status, Map<String, java.util.List<String>> headers, byte[] body, boolean truncated, URI uri) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    private final HttpClient client;
    private final String userAgent;

    SearxHttp(String proxy, Duration connectTimeout, String userAgent) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (proxy != null && !proxy.isBlank()) {
            URI p = URI.create(proxy.strip());
            builder.proxy(ProxySelector.of(new InetSocketAddress(p.getHost(), p.getPort() < 0 ? 80 : p.getPort())));
        }
        this.client = builder.build();
        this.userAgent = userAgent;
    }

    Answer get(URI uri, String authorization, String accept, Duration timeout, long maxBytes)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Accept", accept).header("User-Agent", userAgent);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
            boolean truncated = body.length > maxBytes;
            if (truncated) {
                body = java.util.Arrays.copyOf(body, (int) maxBytes);
            }
            return new Answer(response.statusCode(), response.headers().map(), body, truncated, uri);
        }
    }
}
