package dev.mcpbridge.github;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Locale;
import java.util.Set;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Bounded retries of one HTTP request, for every call made through the shared OkHttp client (ours and hub4j's):
 * <ul>
 * <li>rate limits (429, or 403 with {@code X-RateLimit-Remaining: 0}, {@code Retry-After} or a "rate limit"
 * message): retried, for any method (GitHub refused the request, so nothing was done), when the wait that
 * {@code Retry-After} or {@code X-RateLimit-Reset} asks for is at most {@code maxWait}; otherwise the response goes
 * back to the caller, which reports the reset time;</li>
 * <li>500, 502, 503, 504: retried with exponential backoff for GET and HEAD only (a failed write may have been
 * applied).</li>
 * </ul>
 * Retries live here rather than in a Camel redelivery policy because they are per HTTP request: a Camel redelivery
 * would run a multi-request tool (push_files: five requests) again from its start, and could not read the
 * {@code Retry-After} of the response that failed. The limits are adapter settings, declared on the bean in
 * {@code routes/github.yaml}. Sleeping honours interruption, so a cancelled or timed-out call stops waiting.
 */
final class RetryInterceptor implements Interceptor {

    private static final Set<Integer> SERVER_ERRORS = Set.of(500, 502, 503, 504);

    private final int maxRetries;
    private final long maxWaitMillis;
    private final long baseBackoffMillis;
    private final GitHubClient.Stats stats;

    RetryInterceptor(int maxRetries, long maxWaitMillis, long baseBackoffMillis, GitHubClient.Stats stats) {
        this.maxRetries = maxRetries;
        this.maxWaitMillis = maxWaitMillis;
        this.baseBackoffMillis = baseBackoffMillis;
        this.stats = stats;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        int attempt = 0;
        while (true) {
            Response response = chain.proceed(request);
            long delay = attempt < maxRetries ? retryDelay(response, request.method(), attempt) : -1;
            if (delay < 0) {
                return response;
            }
            response.close();
            stats.retries.incrementAndGet();
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to retry");
            }
            attempt++;
        }
    }

    /** Milliseconds to wait before retrying, or -1 for no retry. */
    long retryDelay(Response response, String method, int attempt) throws IOException {
        int code = response.code();
        long backoff = Math.min(maxWaitMillis, baseBackoffMillis << Math.min(attempt, 16));
        if (rateLimited(response)) {
            long wait = RateLimits.waitMillis(response.headers(), System.currentTimeMillis());
            if (wait < 0 || wait > maxWaitMillis) {
                return -1;
            }
            return Math.max(wait, backoff);
        }
        if (SERVER_ERRORS.contains(code) && (method.equals("GET") || method.equals("HEAD"))) {
            long wait = RateLimits.retryAfterMillis(response.headers());
            if (wait > maxWaitMillis) {
                return -1;
            }
            return Math.max(wait, backoff);
        }
        return -1;
    }

    static boolean rateLimited(Response response) throws IOException {
        int code = response.code();
        if (code == 429) {
            return true;
        }
        if (code != 403) {
            return false;
        }
        if ("0".equals(response.header("X-RateLimit-Remaining")) || response.header("Retry-After") != null) {
            return true;
        }
        String body = response.peekBody(4096).string().toLowerCase(Locale.ROOT);
        return body.contains("rate limit");
    }
}
