package dev.mcpbridge.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mcpbridge.core.spi.SettingsException;
import dev.mcpbridge.core.spi.ToolException;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import okhttp3.Cache;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.extras.okhttp3.OkHttpGitHubConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The github adapter's one connection to GitHub: an OkHttp client with the token, an HTTP cache (conditional
 * requests with ETags, whose 304 answers do not count against the rate limit) and bounded retries, shared by the
 * REST calls the tools make directly and by hub4j's {@link GitHub} (through {@link OkHttpGitHubConnector}).
 * Every failure becomes a {@link ToolException} that names the resource; the token never appears in one.
 * Configured as a bean in {@code routes/github.yaml} from the adapter's settings.
 */
public class GitHubClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GitHubClient.class);
    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    static final String API_VERSION = "2022-11-28";

    /** Counters of what went over the wire, for logs, tests and the benchmark. */
    public static final class Stats {
        /** Requests that reached GitHub (conditional ones included). */
        public final AtomicLong network = new AtomicLong();
        /** Of those, answered 304 Not Modified (served from the cache, not counted against the rate limit). */
        public final AtomicLong notModified = new AtomicLong();
        /** Answered from the cache without any request (only with cacheMaxAge > 0). */
        public final AtomicLong cacheOnly = new AtomicLong();
        public final AtomicLong retries = new AtomicLong();

        public Map<String, Long> snapshot() {
            Map<String, Long> m = new LinkedHashMap<>();
            m.put("network", network.get());
            m.put("notModified", notModified.get());
            m.put("cacheOnly", cacheOnly.get());
            m.put("retries", retries.get());
            return m;
        }
    }

    private final String host;
    private final String token;
    private final String fallbackToken;
    private final boolean cacheEnabled;
    private final String cacheDir;
    private final long cacheSizeMb;
    private final int cacheMaxAge;
    private final int contentWindow;
    private final int maxRetries;
    private final long maxRetryWaitMillis;
    private final long retryBackoffMillis;
    private final long timeoutMillis;

    private String apiBase;
    private HttpUrl baseUrl;
    private volatile OkHttpClient http;
    private Path tempCacheDir;
    private volatile GitHub hub;
    private final Stats stats = new Stats();

    // ---- settings (bean properties from routes/github.yaml) ----

    /**
     * Checks the settings (a bad host stops start-up with a message naming the setting). The HTTP client, and the
     * cache directory, are made on the first request, so an adapter that is served but never used costs nothing.
     */
    public GitHubClient(GitHubSettings settings) {
        this.host = settings.host();
        this.token = settings.token();
        this.fallbackToken = settings.fallbackToken();
        this.cacheEnabled = settings.cache();
        this.cacheDir = settings.cacheDir();
        this.cacheSizeMb = settings.cacheSizeMb();
        this.cacheMaxAge = (int) settings.cacheMaxAge();
        this.contentWindow = (int) settings.contentWindow();
        this.maxRetries = (int) settings.maxRetries();
        this.maxRetryWaitMillis = settings.maxRetryWait() * 1000;
        this.retryBackoffMillis = settings.retryBackoffMillis();
        this.timeoutMillis = settings.requestTimeout() * 1000;
        try {
            apiBase = GitHubHost.apiBase(host);
        } catch (IllegalArgumentException e) {
            throw new SettingsException("host", e.getMessage().replaceFirst("^github\\.host: ", ""));
        }
        baseUrl = HttpUrl.get(apiBase + "/");
        LOG.debug("github adapter: API {} (token: {}, cache: {})", apiBase, hasToken() ? "set" : "none",
                cacheEnabled ? "on" : "off");
    }

    private OkHttpClient http() {
        OkHttpClient h = http;
        if (h == null) {
            synchronized (this) {
                if (http == null) {
                    http = build();
                }
                h = http;
            }
        }
        return h;
    }

    private OkHttpClient build() {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofMillis(timeoutMillis))
                .writeTimeout(Duration.ofMillis(timeoutMillis))
                .followRedirects(true)
                .addInterceptor(chain -> {
                    Request.Builder r = chain.request().newBuilder()
                            .header("User-Agent", "mcp-bridge-github")
                            .header("X-GitHub-Api-Version", API_VERSION);
                    if (chain.request().header("Accept") == null) {
                        r.header("Accept", "application/vnd.github+json");
                    }
                    String t = effectiveToken();
                    boolean external = chain.request().tag(External.class) != null;
                    if (!t.isEmpty() && !external && chain.request().header("Authorization") == null) {
                        r.header("Authorization", "Bearer " + t);
                    }
                    // Revalidate cached answers unless a freshness window is configured (hub4j does the same).
                    if (chain.request().method().equals("GET") && chain.request().header("Cache-Control") == null) {
                        r.header("Cache-Control", "max-age=" + cacheMaxAge);
                    }
                    Response response = chain.proceed(r.build());
                    if (response.networkResponse() == null && response.cacheResponse() != null) {
                        stats.cacheOnly.incrementAndGet();
                    }
                    return response;
                })
                .addInterceptor(new RetryInterceptor(maxRetries, maxRetryWaitMillis, retryBackoffMillis, stats))
                .addNetworkInterceptor(chain -> {
                    stats.network.incrementAndGet();
                    Response response = chain.proceed(chain.request());
                    if (response.code() == 304) {
                        stats.notModified.incrementAndGet();
                    }
                    return response;
                });
        if (cacheEnabled) {
            File dir;
            if (cacheDir.isEmpty()) {
                // One directory per process (OkHttp's disk cache must not be shared by two processes), private to
                // the user (0700), removed on close; those left by processes that died are removed here.
                Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
                removeStaleCacheDirs(tmp);
                try {
                    tempCacheDir = Files.createTempDirectory(tmp, CACHE_PREFIX + ProcessHandle.current().pid() + "-");
                } catch (IOException e) {
                    throw new IllegalStateException("github: cannot create a cache directory in " + tmp, e);
                }
                dir = tempCacheDir.toFile();
            } else {
                dir = new File(cacheDir);
            }
            builder.cache(new Cache(dir, cacheSizeMb * 1024 * 1024));
        }
        return builder.build();
    }

    static final String CACHE_PREFIX = "mcp-bridge-github-cache-";

    /** Removes the cache directories of processes that are gone (killed before they could remove their own). */
    static void removeStaleCacheDirs(Path tmp) {
        try (Stream<Path> dirs = Files.list(tmp)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith(CACHE_PREFIX)).toList()) {
                String rest = dir.getFileName().toString().substring(CACHE_PREFIX.length());
                int dash = rest.indexOf('-');
                try {
                    long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                    if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty()
                            && Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        deleteTree(dir);
                    }
                } catch (NumberFormatException e) {
                    // not ours
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("github: stale cache directories not checked", e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("github cache directory {} not removed", root, e);
        }
    }

    @Override
    public void close() {
        LOG.debug("github adapter: {} HTTP requests, {} answered 304 Not Modified, {} served from the cache alone, "
                + "{} retries", stats.network.get(), stats.notModified.get(), stats.cacheOnly.get(), stats.retries.get());
        if (http != null) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
            try {
                if (http.cache() != null) {
                    http.cache().close();
                }
            } catch (IOException e) {
                LOG.debug("github cache did not close", e);
            }
        }
        if (tempCacheDir != null) {
            deleteTree(tempCacheDir);
        }
    }

    // ---- accessors ----

    public String apiBase() {
        return apiBase;
    }

    public Stats stats() {
        return stats;
    }

    public int contentWindow() {
        return contentWindow;
    }

    String effectiveToken() {
        return !token.isEmpty() ? token : fallbackToken;
    }

    public boolean hasToken() {
        return !effectiveToken().isEmpty();
    }

    /** Writing tools call this first: without a token GitHub would only answer 401 or 404. */
    public void requireToken(String tool) {
        if (!hasToken()) {
            throw new ToolException("'" + tool + "' needs a GitHub token: set GITHUB_PERSONAL_ACCESS_TOKEN (or "
                    + "GITHUB_TOKEN) to a token allowed to write to the repository. Without one only the reading "
                    + "tools work, on public data.");
        }
    }

    /** hub4j's client over the same OkHttp client (cache, retries, counters), built on first use. */
    public GitHub hub() {
        GitHub h = hub;
        if (h == null) {
            synchronized (this) {
                h = hub;
                if (h == null) {
                    try {
                        GitHubBuilder b = new GitHubBuilder().withEndpoint(apiBase)
                                .withConnector(new OkHttpGitHubConnector(http(), cacheMaxAge))
                                .withRateLimitHandler(GitHubRateLimitHandler.FAIL)
                                .withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL);
                        if (hasToken()) {
                            b.withOAuthToken(effectiveToken());
                        }
                        h = b.build();
                    } catch (IOException e) {
                        throw new ToolException("could not set up the GitHub client for " + apiBase);
                    }
                    hub = h;
                }
            }
        }
        return h;
    }

    // ---- requests ----

    /** A request being built: {@code client.get(path).query("page", 2).send("issues of o/r")}. */
    public final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> query = new LinkedHashMap<>();
        private Object body;
        private String accept;
        private boolean allow404;
        private boolean noRedirects;
        private HttpUrl absolute;

        Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Call query(String name, Object value) {
            if (value != null && !(value instanceof String s && s.isEmpty())) {
                query.put(name, String.valueOf(value));
            }
            return this;
        }

        public Call body(Object body) {
            this.body = body;
            return this;
        }

        public Call accept(String accept) {
            this.accept = accept;
            return this;
        }

        /** Answers a 404 as a response (code 404) instead of an error. */
        public Call allow404() {
            this.allow404 = true;
            return this;
        }

        /** Answers a redirect (302 with Location) as it is instead of following it. */
        public Call noRedirects() {
            this.noRedirects = true;
            return this;
        }

        /** Sends it; a status of 400 or more is a {@link ToolException} describing {@code what}. */
        public ApiResponse send(String what) {
            ApiResponse r = execute(this);
            if (r.code() >= 400 && !(allow404 && r.code() == 404)) {
                throw new ToolException(GitHubErrors.describe(r, method, what, hasToken()));
            }
            return r;
        }

        public JsonNode json(String what) {
            return send(what).json();
        }
    }

    public Call get(ApiPath path) {
        return new Call("GET", path.toString());
    }

    public Call post(ApiPath path) {
        return new Call("POST", path.toString());
    }

    public Call put(ApiPath path) {
        return new Call("PUT", path.toString());
    }

    public Call patch(ApiPath path) {
        return new Call("PATCH", path.toString());
    }

    public Call delete(ApiPath path) {
        return new Call("DELETE", path.toString());
    }

    /** The GraphQL endpoint: {@code /graphql}, or {@code /api/graphql} on GitHub Enterprise Server. */
    String graphqlUrl() {
        return apiBase.endsWith("/api/v3") ? apiBase.substring(0, apiBase.length() - "/v3".length()) + "/graphql"
                : apiBase + "/graphql";
    }

    /**
     * A GraphQL request, for the few things REST cannot do (another user's teams, a draft toggle, a comment on a
     * pending review). GraphQL answers errors with 200 and an {@code errors} list: those become a ToolException.
     */
    public JsonNode graphql(String query, Map<String, Object> variables, String what) {
        Call call = new Call("POST", "/graphql");
        call.absolute = HttpUrl.get(graphqlUrl());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        JsonNode json = call.body(body).json(what);
        JsonNode errors = json.path("errors");
        if (errors.isArray() && errors.size() > 0) {
            List<String> messages = new java.util.ArrayList<>();
            errors.forEach(e -> messages.add(SafeText.clean(e.path("message").asText())));
            throw new ToolException("GitHub refused " + what + ": " + String.join("; ", messages));
        }
        return json.path("data");
    }

    private ApiResponse execute(Call call) {
        HttpUrl.Builder url;
        if (call.absolute != null) {
            url = call.absolute.newBuilder();
        } else {
            url = baseUrl.newBuilder();
            // The path is already percent-encoded segment by segment (ApiPath): add it as encoded segments.
            url.addEncodedPathSegments(call.path.substring(1));
        }
        call.query.forEach(url::addQueryParameter);
        Request.Builder request = new Request.Builder().url(url.build());
        if (call.accept != null) {
            request.header("Accept", call.accept);
        }
        RequestBody body = null;
        if (call.body != null) {
            try {
                body = RequestBody.create(JSON.writeValueAsBytes(call.body), JSON_TYPE);
            } catch (IOException e) {
                throw new IllegalStateException("request body cannot be written as JSON", e);
            }
        } else if (!call.method.equals("GET") && !call.method.equals("DELETE")) {
            body = RequestBody.create(new byte[0], JSON_TYPE);
        }
        request.method(call.method, body);
        OkHttpClient client = call.noRedirects ? http().newBuilder().followRedirects(false).build() : http();
        try (Response response = client.newCall(request.build()).execute()) {
            ResponseBody rb = response.body();
            return new ApiResponse(response.code(), response.headers(), rb == null ? new byte[0] : rb.bytes());
        } catch (InterruptedIOException e) {
            throw new ToolException("the request to GitHub was stopped (cancelled or timed out)");
        } catch (IOException e) {
            throw new ToolException("GitHub could not be reached at " + apiBase + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Runs a hub4j operation, describing its failures the same way as the adapter's own requests. */
    public <T> T viaHub(String method, String what, HubCall<T> call) {
        try {
            return call.run(hub());
        } catch (HttpException e) {
            if (e.getResponseCode() <= 0) {
                // hub4j reports a connection that never got an answer as an HttpException without a status.
                throw unreachable(e.getCause() != null ? e.getCause() : e);
            }
            throw new ToolException(GitHubErrors.describe(hubFailure(e.getResponseCode(), headerFields(e::getResponseHeaderFields),
                    e.getMessage()), method, what, hasToken()));
        } catch (GHFileNotFoundException e) {
            throw new ToolException(GitHubErrors.describe(hubFailure(404, headerFields(e::getResponseHeaderFields), e.getMessage()),
                    method, what, hasToken()));
        } catch (InterruptedIOException e) {
            throw new ToolException("the request to GitHub was stopped (cancelled or timed out)");
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private ToolException unreachable(Throwable e) {
        return new ToolException("GitHub could not be reached at " + apiBase + " (" + e.getClass().getSimpleName()
                + ")");
    }

    /** hub4j's response headers; it has none (and throws) when no response arrived. */
    private static Map<String, List<String>> headerFields(java.util.function.Supplier<Map<String, List<String>>> e) {
        try {
            return e.get();
        } catch (RuntimeException noResponse) {
            return null;
        }
    }

    /** hub4j's exception as a response: its status, headers and (hub4j puts it in the message) GitHub's JSON. */
    private static ApiResponse hubFailure(int code, Map<String, List<String>> headerFields, String message) {
        okhttp3.Headers.Builder headers = new okhttp3.Headers.Builder();
        if (headerFields != null) {
            headerFields.forEach((name, values) -> {
                if (name != null && values != null) {
                    values.forEach(v -> headers.addUnsafeNonAscii(name, v));
                }
            });
        }
        String body = message != null && message.strip().startsWith("{") ? message.strip() : "";
        return new ApiResponse(code <= 0 ? 500 : code, headers.build(),
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Marks a request to a URL GitHub handed out (a signed log or artifact URL): it never carries the token. */
    private enum External { INSTANCE }

    /**
     * Downloads a URL that GitHub redirected to (job logs), without the token: such URLs are signed and often on
     * another host. Only http(s) URLs are followed.
     */
    public ApiResponse download(String location, String what) {
        HttpUrl url = HttpUrl.parse(location);
        if (url == null) {
            throw new ToolException("GitHub gave no usable download URL for " + what);
        }
        Request request = new Request.Builder().url(url).header("Accept", "*/*").tag(External.class, External.INSTANCE)
                .header("Cache-Control", "no-store").build();
        try (Response response = http().newCall(request).execute()) {
            ResponseBody rb = response.body();
            ApiResponse r = new ApiResponse(response.code(), response.headers(), rb == null ? new byte[0] : rb.bytes());
            if (r.code() >= 400) {
                throw new ToolException("The download of " + what + " failed (HTTP " + r.code()
                        + "); the link may have expired: ask again.");
            }
            return r;
        } catch (InterruptedIOException e) {
            throw new ToolException("the request to GitHub was stopped (cancelled or timed out)");
        } catch (IOException e) {
            throw new ToolException("the download of " + what + " failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    @FunctionalInterface
    public interface HubCall<T> {
        T run(GitHub github) throws IOException;
    }

    static List<String> csv(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        return Stream.of(header.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
