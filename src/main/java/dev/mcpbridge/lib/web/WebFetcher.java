package dev.mcpbridge.lib.web;

import dev.mcpbridge.core.spi.ToolException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;
import org.jsoup.nodes.Document;

/**
 * Fetches pages the model chose: every URL and every redirect target passes the {@link UrlGuard}, the whole
 * exchange (headers and body) has one deadline, and bodies are read up to a cap, so a slow or endless page can
 * neither hang a call nor fill the memory. Redirects are followed here, by hand, for that reason. The connection
 * goes only to addresses the guard accepts at the moment of connecting ({@link UrlGuard#addresses}), so a name
 * rebound to a private address after the check is refused.
 */
public final class WebFetcher {

    /**
     * One answer, its body read up to the cap.
     *
     * @param uri where the answer came from, after redirects
     * @param truncated the body was longer than the cap and is cut
     */
    public record Answer(URI uri, int status, Map<String, List<String>> headers, byte[] body, boolean truncated) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        /** The media type without parameters, lower-case; empty when the server sent none. */
        public String mediaType() {
            String type = header("Content-Type");
            return type == null ? "" : type.split(";")[0].strip().toLowerCase(Locale.ROOT);
        }

        /** The charset named by the Content-Type header, or null when none (or an unknown one) is named. */
        public Charset charset() {
            String type = header("Content-Type");
            if (type == null) {
                return null;
            }
            for (String part : type.split(";")) {
                String p = part.strip();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", "").replace("'", "").strip());
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                }
            }
            return null;
        }

        /** The body as text, in the charset the header names, else UTF-8. */
        public String text() {
            Charset charset = charset();
            return new String(body, charset == null ? StandardCharsets.UTF_8 : charset);
        }

        /** The body parsed as HTML, in the header's charset, else the page's own ({@link WebMarkdown#parse}). */
        public Document document() {
            return WebMarkdown.parse(body, charset(), uri.toString());
        }
    }

    private static final int MAX_REDIRECTS = 5;

    private final UrlGuard guard;
    private final String proxy;
    private final Duration connectTimeout;
    private final String userAgent;
    /** Built on first use: OkHttp's classes need not load at start-up for a bridge that never fetches a page. */
    private volatile Clients clients;

    /** @param proxy an http(s) proxy URL, or blank for none */
    public WebFetcher(UrlGuard guard, String proxy, Duration connectTimeout, String userAgent) {
        this.guard = guard;
        this.proxy = proxy == null ? "" : proxy.strip();
        this.connectTimeout = connectTimeout;
        this.userAgent = userAgent == null || userAgent.isBlank() ? "mcp-bridge" : userAgent;
    }

    /**
     * One client for the model's URLs, whose name resolution is the guard's (it connects only to the addresses the
     * guard accepts, so what is checked is what is used), and one for URLs the operator configured. Both share
     * threads and the connection pool; a pooled connection is never shared between them (OkHttp keys connections
     * by resolver).
     */
    private record Clients(OkHttpClient guarded, OkHttpClient trusted) {
    }

    private Clients clients() {
        Clients c = clients;
        if (c == null) {
            synchronized (this) {
                c = clients;
                if (c == null) {
                    clients = c = newClients();
                }
            }
        }
        return c;
    }

    private Clients newClients() {
        ThreadFactory daemons = runnable -> {
            Thread t = new Thread(runnable, "web-fetch");
            t.setDaemon(true);
            return t;
        };
        OkHttpClient.Builder builder = new OkHttpClient.Builder().dispatcher(
                new Dispatcher(Executors.newCachedThreadPool(daemons))).connectTimeout(connectTimeout)
                .followRedirects(false).followSslRedirects(false)
                // Servers close idle connections (python's http.server after every answer, nginx after 75 s): a
                // GET sent on a pooled connection the server had already closed is sent again on a fresh one. The
                // fresh connection is resolved through the same guarded resolver, under the same call deadline.
                .retryOnConnectionFailure(true);
        if (!proxy.isEmpty()) {
            URI p = URI.create(proxy);
            builder.proxy(new Proxy(Proxy.Type.HTTP,
                    InetSocketAddress.createUnresolved(p.getHost(), p.getPort() < 0 ? 80 : p.getPort())));
        }
        OkHttpClient trusted = builder.build();
        // Through a proxy the proxy resolves the page's name; the guard's check by its own lookup is what remains.
        OkHttpClient guarded = proxy.isEmpty()
                ? trusted.newBuilder().dns(host -> List.of(guard.addresses(host))).build() : trusted;
        return new Clients(guarded, trusted);
    }

    public String userAgent() {
        return userAgent;
    }

    /** The guard every URL the model chose passes, before the fetch and at each redirect. */
    public UrlGuard guard() {
        return guard;
    }

    /**
     * GETs the URL, following up to five redirects, each target checked by the guard. Any status is returned;
     * failures to reach the page are a {@link ToolException} naming the URL and the reason.
     *
     * @param headers extra request headers (Accept, Authorization...)
     */
    public Answer get(String url, Map<String, String> headers, Duration timeout, long maxBytes) {
        return get(guard.check(url), headers, timeout, maxBytes, true);
    }

    /**
     * GETs a URL the operator configured (an API's base URL), not checked by the guard, redirects not followed.
     */
    public Answer getTrusted(URI uri, Map<String, String> headers, Duration timeout, long maxBytes) {
        return get(uri, headers, timeout, maxBytes, false);
    }

    private Answer get(URI first, Map<String, String> headers, Duration timeout, long maxBytes, boolean follow) {
        long deadline = System.nanoTime() + timeout.toNanos();
        OkHttpClient client = follow ? clients().guarded() : clients().trusted();
        URI uri = first;
        for (int redirects = 0;; redirects++) {
            Answer answer = once(client, uri, headers, deadline, timeout, maxBytes);
            String location = answer.header("Location");
            if (!follow || answer.status() < 300 || answer.status() >= 400 || location == null) {
                return answer;
            }
            if (redirects >= MAX_REDIRECTS) {
                throw new ToolException("too many redirects (more than " + MAX_REDIRECTS + ") from " + first);
            }
            uri = guard.check(redirectTarget(uri, location).toString());
        }
    }

    /** Where a redirect points; a Location that is not a URL (a backslash, a space) is the page's error, not ours. */
    private static URI redirectTarget(URI from, String location) {
        try {
            return from.resolve(new URI(location.strip()));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            String shown = location.replaceAll("\\p{Cntrl}", "?");
            throw new ToolException("bad redirect from " + from + ": its Location '"
                    + (shown.length() > 200 ? shown.substring(0, 200) + "..." : shown) + "' is not a valid URL");
        }
    }

    private Answer once(OkHttpClient client, URI uri, Map<String, String> headers, long deadline, Duration timeout,
            long maxBytes) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw timedOut(uri, timeout);
        }
        Request.Builder request = new Request.Builder().url(httpUrl(uri)).get().header("User-Agent", userAgent);
        headers.forEach(request::header);
        Call call = client.newCall(request.build());
        // One deadline for connecting, the headers and the body alike.
        call.timeout().timeout(left, TimeUnit.NANOSECONDS);
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                answer.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call c, Response response) {
                try (response) {
                    Capped body = readCapped(response.body().source(), maxBytes);
                    answer.complete(new Answer(uri, response.code(), response.headers().toMultimap(), body.bytes(),
                            body.truncated()));
                } catch (IOException | RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            }
        });
        try {
            return answer.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel();
            throw timedOut(uri, timeout);
        } catch (ExecutionException e) {
            throw failure(uri, timeout, e.getCause());
        } catch (InterruptedException e) {
            call.cancel();
            Thread.currentThread().interrupt();
            throw new Unreachable(Why.INTERRUPTED, "interrupted while fetching " + uri, null);
        }
    }

    /**
     * The URL OkHttp will fetch, built from the parts the guard checked rather than parsed again: two URL parsers
     * reading one string differently must not lead to a host the guard never saw.
     */
    private static HttpUrl httpUrl(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        HttpUrl.Builder url = new HttpUrl.Builder().scheme(uri.getScheme().toLowerCase(Locale.ROOT))
                .host(uri.getHost()).encodedPath(path).encodedQuery(uri.getRawQuery());
        if (uri.getPort() >= 0) {
            url.port(uri.getPort());
        }
        return url.build();
    }

    private static ToolException failure(URI uri, Duration timeout, Throwable cause) {
        if (cause instanceof UrlGuard.RefusedHost) {
            return new ToolException(cause.getMessage());
        }
        if (cause instanceof UnknownHostException) {
            return new Unreachable(Why.NO_CONNECTION, "the host '" + uri.getHost() + "' is unknown", cause);
        }
        if (cause instanceof InterruptedIOException || cause instanceof SocketTimeoutException) {
            return timedOut(uri, timeout);
        }
        String reason = cause instanceof ConnectException ? "connection refused"
                : cause == null ? "unknown error" : cause.getClass().getSimpleName();
        return new Unreachable(cause instanceof ConnectException ? Why.NO_CONNECTION : Why.OTHER,
                "could not fetch " + uri + " (" + reason + ")", cause);
    }

    private static ToolException timedOut(URI uri, Duration timeout) {
        return new Unreachable(Why.TIMEOUT, "the page did not answer within " + timeout.toMillis() + " ms: " + uri,
                null);
    }

    /** Why a URL could not be fetched. */
    public enum Why { TIMEOUT, NO_CONNECTION, INTERRUPTED, OTHER }

    /** A URL that could not be fetched, saying why, for callers that word the failure their own way. */
    public static final class Unreachable extends ToolException {
        private final Why why;

        Unreachable(Why why, String message, Throwable cause) {
            super(message);
            this.why = why;
            if (cause != null) {
                initCause(cause);
            }
        }

        public Why why() {
            return why;
        }
    }

    private record Capped(byte[] bytes, boolean truncated) {
    }

    /** The body up to the cap; the rest is left unread, and the connection closed with the response. */
    private static Capped readCapped(BufferedSource source, long max) throws IOException {
        int cap = (int) Math.min(max, Integer.MAX_VALUE - 16);
        Buffer kept = new Buffer();
        while (kept.size() <= cap) {
            if (source.read(kept, Math.min(65_536, cap + 1 - kept.size())) == -1) {
                return new Capped(kept.readByteArray(), false);
            }
        }
        return new Capped(kept.readByteArray(cap), true);
    }
}
