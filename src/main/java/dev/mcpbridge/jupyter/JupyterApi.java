package dev.mcpbridge.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpbridge.core.spi.ToolException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A Jupyter Server's REST API (kernels, kernelspecs, contents) and the door to a kernel's WebSocket channel. Path
 * segments are always added one by one, so OkHttp encodes them and a kernel id or file name cannot change the route.
 */
public final class JupyterApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

    private final HttpUrl base;
    private final String token;
    private final OkHttpClient http;

    public JupyterApi(String baseUrl, String token, Duration requestTimeout) {
        HttpUrl parsed = HttpUrl.parse(baseUrl.strip());
        if (parsed == null) {
            throw new ToolException("the Jupyter server URL '" + baseUrl + "' is not an http(s) URL");
        }
        this.base = parsed;
        this.token = token == null ? "" : token.strip();
        this.http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10)).readTimeout(requestTimeout)
                .callTimeout(requestTimeout.plusSeconds(5)).pingInterval(Duration.ofSeconds(20)).build();
    }

    public String baseUrl() {
        return base.toString();
    }

    /** GET /api: the server's version; throws when the server does not answer. */
    public String version() {
        return call("GET", url("api"), null).path("version").asText("");
    }

    public JsonNode kernelSpecs() {
        return call("GET", url("api", "kernelspecs"), null);
    }

    public JsonNode kernels() {
        return call("GET", url("api", "kernels"), null);
    }

    /** The kernel's model, or null when the server knows no such kernel. */
    public JsonNode kernel(String id) {
        return orNull("GET", url("api", "kernels", kernelId(id)));
    }

    /** Starts a kernel whose working directory is {@code path}, relative to the server's root ("" for the root). */
    public JsonNode startKernel(String name, String path) {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        if (path != null) {
            body.put("path", path);
        }
        return call("POST", url("api", "kernels"), body);
    }

    public void interrupt(String id) {
        call("POST", url("api", "kernels", kernelId(id), "interrupt"), JSON.createObjectNode());
    }

    public JsonNode restart(String id) {
        return call("POST", url("api", "kernels", kernelId(id), "restart"), JSON.createObjectNode());
    }

    public void shutdownKernel(String id) {
        call("DELETE", url("api", "kernels", kernelId(id)), null);
    }

    /** A file or directory model from the contents API, or null when there is none. */
    public JsonNode contents(String path, boolean withContent) {
        HttpUrl.Builder u = contentsUrl(path);
        u.addQueryParameter("content", withContent ? "1" : "0");
        return orNull("GET", u.build());
    }

    /** Reads a notebook as JSON (the server parses it, so an unreadable file is its 400). */
    public JsonNode notebook(String path) {
        HttpUrl.Builder u = contentsUrl(path);
        u.addQueryParameter("type", "notebook").addQueryParameter("content", "1");
        return orNull("GET", u.build());
    }

    /** The answer, or null when the server says there is no such thing (404). */
    private JsonNode orNull(String method, HttpUrl url) {
        try {
            return call(method, url, null);
        } catch (ApiError e) {
            if (e.status == 404) {
                return null;
            }
            throw e;
        }
    }

    /** Writes a notebook through the contents API (the server writes atomically) and answers its model. */
    public JsonNode saveNotebook(String path, JsonNode notebook) {
        ObjectNode body = JSON.createObjectNode().put("type", "notebook").put("format", "json");
        body.set("content", notebook);
        return call("PUT", contentsUrl(path).build(), body);
    }

    public JsonNode createDirectory(String path) {
        ObjectNode body = JSON.createObjectNode().put("type", "directory");
        return call("PUT", contentsUrl(path).build(), body);
    }

    /** Opens the kernel's channels WebSocket; the session id ties the messages to this bridge. */
    WebSocket openChannels(String kernelId, String sessionId, WebSocketListener listener) {
        HttpUrl u = url("api", "kernels", kernelId(kernelId), "channels").newBuilder()
                .addQueryParameter("session_id", sessionId).build();
        Request.Builder request = new Request.Builder().url(u);
        authorize(request);
        return http.newWebSocket(request.build(), listener);
    }

    /** Stops the server (POST /api/shutdown); used for the server the bridge started itself. */
    void shutdownServer() {
        call("POST", url("api", "shutdown"), JSON.createObjectNode());
    }

    void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private HttpUrl.Builder contentsUrl(String path) {
        HttpUrl.Builder u = base.newBuilder().addPathSegment("api").addPathSegment("contents");
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new ToolException("'" + path + "' has a '.' or '..' segment; give the path without them");
            }
            if (!segment.isEmpty()) {
                u.addPathSegment(segment);
            }
        }
        return u;
    }

    /**
     * A kernel id as a URL segment: Jupyter's ids are UUIDs, so anything beyond letters, digits, '-' and '_' (a
     * '.' or '..' that would climb the REST path among it) is refused before it reaches a URL.
     */
    static String kernelId(String id) {
        if (id == null || !id.matches("[A-Za-z0-9_-]{1,128}")) {
            throw new ToolException("'" + (id == null ? "" : id.length() > 80 ? id.substring(0, 80) + "…" : id)
                    + "' is not a kernel id (a UUID such as 1c2d3e4f-...); list_kernels shows the kernels' ids");
        }
        return id;
    }

    private HttpUrl url(String... segments) {
        HttpUrl.Builder u = base.newBuilder();
        for (String s : segments) {
            u.addPathSegment(s);
        }
        return u.build();
    }

    private void authorize(Request.Builder request) {
        if (!token.isEmpty()) {
            request.header("Authorization", "token " + token);
        }
    }

    private JsonNode call(String method, HttpUrl url, JsonNode body) {
        Request.Builder request = new Request.Builder().url(url);
        authorize(request);
        RequestBody payload = body == null ? null : RequestBody.create(body.toString(), JSON_TYPE);
        request.method(method, payload == null && !method.equals("GET") && !method.equals("DELETE")
                ? RequestBody.create(new byte[0], JSON_TYPE) : payload);
        try (Response response = http.newCall(request.build()).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) {
                throw new ApiError(response.code(), method, url.encodedPath(), reason(text, response.message()));
            }
            return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            throw new ToolException("the Jupyter server at " + base + " did not answer " + method + " "
                    + url.encodedPath() + ": " + e.getMessage(), e);
        }
    }

    /** The server's own explanation ("message" or "reason" of its JSON error), else the HTTP reason. */
    private static String reason(String body, String fallback) {
        try {
            JsonNode error = JSON.readTree(body);
            for (String field : List.of("message", "reason")) {
                String value = error.path(field).asText("");
                if (!value.isBlank()) {
                    return value;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: the status line says enough
        }
        return fallback;
    }

    /** An HTTP error answered by the Jupyter server, worded for the user. */
    public static final class ApiError extends ToolException {
        final int status;

        ApiError(int status, String method, String path, String reason) {
            super("the Jupyter server refused " + method + " " + path + " (HTTP " + status + "): " + reason);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
