package dev.mcpbridge.core.spi;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches pages the model chose: every URL and every redirect target passes the {@link UrlGuard}, the whole
 * exchange (headers and body) has one deadline, and bodies are read up to a cap, so a slow or endless page can
 * neither hang a call nor fill the memory. Redirects are followed here, by hand, for that reason.
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
    }

    private static final int MAX_REDIRECTS = 5;

    private final HttpClient client;
    private final UrlGuard guard;
    private final String userAgent;

    /** @param proxy an http(s) proxy URL, or blank for none */
    public WebFetcher(UrlGuard guard, String proxy, Duration connectTimeout, String userAgent) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (proxy != null && !proxy.isBlank()) {
            URI p = URI.create(proxy.strip());
            builder.proxy(ProxySelector.of(new InetSocketAddress(p.getHost(), p.getPort() < 0 ? 80 : p.getPort())));
        }
        this.client = builder.build();
        this.guard = guard;
        this.userAgent = userAgent == null || userAgent.isBlank() ? "mcp-bridge" : userAgent;
    }

    public String userAgent() {
        return userAgent;
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
        URI uri = first;
        for (int redirects = 0;; redirects++) {
            Answer answer = once(uri, headers, deadline, timeout, maxBytes);
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

    private Answer once(URI uri, Map<String, String> headers, long deadline, Duration timeout, long maxBytes) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw timedOut(uri, timeout);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofNanos(left)).GET()
                .header("User-Agent", userAgent);
        headers.forEach(request::header);
        CappedBody body = new CappedBody(maxBytes);
        HttpResponse.ResponseInfo[] head = new HttpResponse.ResponseInfo[1];
        CompletableFuture<HttpResponse<Capped>> future = client.sendAsync(request.build(), info -> {
            head[0] = info;
            return body;
        });
        try {
            HttpResponse<Capped> response = future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            Capped capped = response.body();
            return new Answer(uri, response.statusCode(), response.headers().map(), capped.bytes(), capped.truncated());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timedOut(uri, timeout);
        } catch (ExecutionException e) {
            // Cancelling the rest of a body past the cap may fail the exchange after the kept part was complete.
            Capped kept = body.getBody().toCompletableFuture().getNow(null);
            if (kept != null && kept.truncated() && head[0] != null) {
                return new Answer(uri, head[0].statusCode(), head[0].headers().map(), kept.bytes(), true);
            }
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw timedOut(uri, timeout);
            }
            String reason = cause instanceof IOException && cause.getMessage() != null
                    && cause.getMessage().contains("Connection refused") ? "connection refused"
                    : cause == null ? "unknown error" : cause.getClass().getSimpleName();
            throw new ToolException("could not fetch " + uri + " (" + reason + ")");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while fetching " + uri);
        }
    }

    private static ToolException timedOut(URI uri, Duration timeout) {
        return new ToolException("the page did not answer within " + timeout.toMillis() + " ms: " + uri);
    }

    private record Capped(byte[] bytes, boolean truncated) {
    }

    /** Collects the body up to the cap, then cancels the rest of the download. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<Capped> {

        private final long max;
        private final CompletableFuture<Capped> result = new CompletableFuture<>();
        private final List<ByteBuffer> parts = new ArrayList<>();
        private long size;
        private Flow.Subscription subscription;

        CappedBody(long max) {
            this.max = max;
        }

        @Override
        public CompletionStage<Capped> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                size += b.remaining();
                parts.add(b);
            }
            if (size > max) {
                // Completed before cancelling: the cancel may fail the exchange at once, and the caller then
                // keeps what was read only if it is already here.
                result.complete(new Capped(join(max), true));
                subscription.cancel();
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(new Capped(join(size), false));
        }

        private byte[] join(long length) {
            byte[] out = new byte[(int) Math.min(length, Integer.MAX_VALUE - 16)];
            int at = 0;
            for (ByteBuffer b : parts) {
                int n = Math.min(b.remaining(), out.length - at);
                b.get(out, at, n);
                at += n;
                if (at == out.length) {
                    break;
                }
            }
            return out;
        }
    }
}
