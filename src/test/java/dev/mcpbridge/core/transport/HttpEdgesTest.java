package dev.mcpbridge.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP transport's edges: unknown endpoints, malformed requests, foreign origins, error bodies and headers.
 * Every error is a JSON-RPC error object, never a Java exception, a server page or a 500.
 */
class HttpEdgesTest {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Bridge bridge;
    private static HttpServer server;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    @BeforeAll
    static void start() throws Exception {
        bridge = TestBridges.testkit().startCamelInBackground();
        BridgeConfig.Http http = new BridgeConfig.Http();
        http.port = 0;
        http.maxRequestBytes = 64 * 1024;
        http.allowedOrigins = List.of("https://ide.example");
        server = new HttpServer(bridge.serverFactory(), McpJsonDefaults.getMapper(), http, bridge.all(),
                bridge.served().stream().map(bridge::only).toList()).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        bridge.close();
    }

    private static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An error answer: the status, and a body that is exactly a JSON-RPC error object. */
    private static JsonNode assertJsonRpcError(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(body.has("id")).isTrue();
        assertThat(body.at("/error/code").isInt()).as(response.body()).isTrue();
        assertThat(body.at("/error/message").asText()).isNotBlank();
        assertNoInternals(response);
        return body;
    }

    private static void assertNoInternals(HttpResponse<String> response) {
        assertThat(response.body()).doesNotContain("stackTrace", "className", "Exception", "io.modelcontextprotocol",
                "Jetty", "<html");
        assertThat(response.headers().firstValue("Server")).as("Server header").isEmpty();
    }

    @Test
    void anUnknownAdapterPathIs404NamingTheServedAdapters() throws Exception {
        JsonNode error = assertJsonRpcError(post("/mcp/nosuch", INITIALIZE), 404);
        assertThat(error.at("/error/message").asText()).contains("/mcp/nosuch", "Served adapters: testkit", "/mcp");
        assertJsonRpcError(post("/elsewhere", "x"), 404);
        HttpResponse<String> get = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/sse/nosuch")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(assertJsonRpcError(get, 404).at("/error/message").asText()).contains("testkit");
        // The adapter list is not for another origin's page.
        assertJsonRpcError(post("/mcp/nosuch", INITIALIZE, "Origin", "http://evil.example"), 403);
    }

    @Test
    void malformedRequestsGet400WithAJsonRpcErrorNever500() throws Exception {
        String[] bodies = {
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":null}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":[]}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":5}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"initialize\",\"params\":{}}",
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1e400,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":9223372036854775808,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":\"boom\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{},\"error\":{\"code\":1,\"message\":\"x\"}}",
            "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}",
            "{\"jsonrpc\":\"2.0\"}",
            "[" + INITIALIZE + "]",
            "\"text\"",
            "",
        };
        for (String body : bodies) {
            JsonNode error = assertJsonRpcError(post("/mcp", body), 400);
            assertThat(error.at("/error/code").asInt()).as(body).isEqualTo(-32600);
        }
        assertThat(assertJsonRpcError(post("/mcp", "{not json"), 400).at("/error/code").asInt()).isEqualTo(-32700);
        assertThat(assertJsonRpcError(post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"initialize\"}"),
                400).path("id").asText()).as("the id is echoed when it is a valid one").isEqualTo("abc");
    }

    @Test
    void theSdksOwnErrorAnswersAreJsonRpcErrorsWithoutTheException() throws Exception {
        // No session header, an unknown session, a missing Accept: the SDK's own refusals, cleaned.
        assertJsonRpcError(post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}"), 400);
        assertJsonRpcError(post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                "Mcp-Session-Id", "no-such-session"), 404);
        assertJsonRpcError(post("/mcp", INITIALIZE, "Accept", "text/plain"), 400);
        assertJsonRpcError(post("/message", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}"), 400);
        assertJsonRpcError(post("/message?sessionId=nope", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}"), 404);
        byte[] huge = INITIALIZE.replace("\"t\"", "\"" + "x".repeat(100_000) + "\"").getBytes(StandardCharsets.UTF_8);
        assertJsonRpcError(post("/mcp", huge), 413);
        // A refused body must neither make the connection carry the next request nor reset it before the 413 is
        // read (a reset lost the answer about one time in a hundred).
        for (int i = 0; i < 30; i++) {
            assertThat(post("/mcp", huge).statusCode()).isEqualTo(413);
            assertThat(post("/mcp", INITIALIZE).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void originsAreComparedBySchemeHostAndPortNotByPrefix() throws Exception {
        for (String origin : new String[] {"http://localhost:@evil.example", "http://localhost.evil.example",
                "http://localhost:3000@evil.example", "http://127.0.0.1.evil.example", "null", "file://",
                "http://evil.example", "https://ide.example:8443", "http://ide.example", "ftp://localhost"}) {
            assertThat(post("/mcp", INITIALIZE, "Origin", origin).statusCode()).as(origin).isEqualTo(403);
        }
        for (String origin : new String[] {"http://localhost:5173", "http://127.0.0.1", "https://[::1]:8080",
                "https://ide.example", "https://IDE.example:443", "http://LOCALHOST:1"}) {
            assertThat(post("/mcp", INITIALIZE, "Origin", origin).statusCode()).as(origin).isEqualTo(200);
        }
        OriginHostCheck hosts = new OriginHostCheck(List.of(), List.of("build-box", "proxy.example:8443"), true);
        assertThat(hosts.hostAllowed("localhost:3000")).isTrue();
        assertThat(hosts.hostAllowed("build-box:3000")).isTrue();
        assertThat(hosts.hostAllowed("proxy.example:8443")).isTrue();
        assertThat(hosts.hostAllowed("proxy.example:8444")).isFalse();
        assertThat(hosts.hostAllowed("localhost:@evil.example")).isFalse();
        assertThat(hosts.hostAllowed("localhost.evil.example")).isFalse();
        assertThat(hosts.hostAllowed("evil.example")).isFalse();
    }

    @Test
    void aForeignHostGets421AsAJsonRpcError() throws Exception {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.port())) {
            byte[] body = INITIALIZE.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST /mcp HTTP/1.1\r\nHost: evil.example:" + server.port()
                    + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(body);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 421").doesNotContain("Server:", "Exception");
            JsonNode error = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertThat(error.at("/error/message").asText()).contains("evil.example", "http.allowedHosts");
        }
    }

    @Test
    void responsesDoNotNameTheServerSoftware() throws Exception {
        HttpResponse<String> ok = post("/mcp", INITIALIZE);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Server")).isEmpty();
        assertThat(post("/nowhere", "").headers().firstValue("Server")).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.Disabled("Streamable HTTP: the SDK answers before StreamableSession.responseStream; the "
            + "interception point is still to be found (stdio and the stateless era pass)")
    void aSessionCallOfAToolNotServedNamesTheNearestServedOne() throws Exception {
        HttpResponse<String> init = post("/mcp", INITIALIZE);
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post("/mcp", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", "Mcp-Session-Id", session);
        HttpResponse<String> call = post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"gret\",\"arguments\":{}}}", "Mcp-Session-Id", session);
        assertThat(call.statusCode()).isEqualTo(200);
        String text = call.body();
        JsonNode answer = JSON.readTree(text.contains("data:") ? text.substring(text.indexOf("data:") + 5) : text);
        assertThat(answer.at("/error/code").asInt()).as(text).isEqualTo(-32602);
        assertThat(answer.at("/error/message").asText()).as(text)
                .startsWith("Unknown tool 'gret' (did you mean 'greet'?)");
        assertNoInternals(call);
    }

    /**
     * A bounded garbage corpus (fixed seed, so a failure reproduces): random bytes, valid messages cut or corrupted,
     * and JSON-RPC shapes with random ids, methods and params, with and without a live session. No answer may be a
     * 5xx or carry internals, and the server must still serve a normal session afterwards.
     */
    @Test
    void aGarbageCorpusNeverGetsA500NorAStackTrace() throws Exception {
        HttpResponse<String> init = post("/mcp", INITIALIZE);
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post("/mcp", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", "Mcp-Session-Id", session);
        Random random = new Random(20261127L);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            byte[] body = garbage(random, i);
            String path = random.nextInt(5) == 0 ? "/message?sessionId=" + (random.nextBoolean() ? "x" : "") : "/mcp";
            HttpResponse<String> response = random.nextInt(3) == 0 ? post(path, body)
                    : post(path, body, "Mcp-Session-Id", session);
            String text = response.body();
            if (response.statusCode() >= 500 || text.contains("stackTrace") || text.contains("Exception")
                    || response.headers().firstValue("Server").isPresent()) {
                failures.add(response.statusCode() + " for " + new String(body, StandardCharsets.UTF_8) + " -> "
                        + text.substring(0, Math.min(300, text.length())));
            } else if (response.statusCode() == 200 && requestId(body) != null
                    && !text.contains("\"id\":" + requestId(body))) {
                failures.add("no answer for " + new String(body, StandardCharsets.UTF_8) + " -> " + text);
            } else if (response.statusCode() >= 400) {
                try {
                    assertThat(JSON.readTree(text).at("/error/code").isInt()).isTrue();
                } catch (Exception | AssertionError e) {
                    failures.add(response.statusCode() + " without a JSON-RPC error body: " + text);
                }
            }
        }
        assertThat(failures).as("answers that were 5xx or leaked internals").isEmpty();
        HttpResponse<String> call = post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"greet\",\"arguments\":{\"name\":\"Ada\"}}}", "Mcp-Session-Id", session);
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.body()).contains("hello, Ada!");
    }

    /** The id of a well-formed request with an integer id, which must be answered; else null. */
    private static String requestId(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.path("method").isTextual() && node.path("id").isIntegralNumber()
                    && node.path("id").canConvertToLong() ? node.get("id").asText() : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static final String[] METHODS = {"initialize", "ping", "tools/list", "tools/call", "resources/list",
        "resources/read", "prompts/list", "prompts/get", "completion/complete", "logging/setLevel",
        "notifications/initialized", "notifications/cancelled", "notifications/roots/list_changed", "nosuch", ""};
    private static final String[] VALUES = {"null", "true", "1", "-0.0", "1.5", "1e400", "9223372036854775808",
        "\"x\"", "\"\"", "{}", "[]", "[1,2]", "{\"a\":1}", "{\"name\":\"greet\",\"arguments\":{\"name\":5}}",
        "{\"name\":\"greet\"}", "{\"name\":\"nosuch\",\"arguments\":{}}", "{\"uri\":\"x:y\"}",
        "{\"level\":\"loud\"}", "{\"requestId\":{}}", "{\"ref\":{\"type\":\"ref/prompt\"},\"argument\":null}",
        "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"f\",\"version\":\"1\"}}",
        "{\"protocolVersion\":null,\"capabilities\":[],\"clientInfo\":{}}", "\"\\u0000\\ud800\""};

    private static byte[] garbage(Random random, int i) {
        switch (i % 4) {
            case 0 -> {
                byte[] bytes = new byte[random.nextInt(200)];
                random.nextBytes(bytes);
                return bytes;
            }
            case 1 -> {
                String valid = shape(random);
                StringBuilder mutated = new StringBuilder(valid.substring(0, random.nextInt(valid.length() + 1)));
                if (random.nextBoolean() && mutated.length() > 0) {
                    String noise = "{}[]\",:\\0x";
                    mutated.setCharAt(random.nextInt(mutated.length()), noise.charAt(random.nextInt(noise.length())));
                }
                return mutated.toString().getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                return shape(random).getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    private static String shape(Random random) {
        StringBuilder json = new StringBuilder("{");
        List<String> fields = new ArrayList<>();
        if (random.nextInt(8) != 0) {
            fields.add("\"jsonrpc\":" + (random.nextInt(6) == 0 ? VALUES[random.nextInt(VALUES.length)] : "\"2.0\""));
        }
        if (random.nextInt(4) != 0) {
            fields.add("\"id\":" + (random.nextBoolean() ? String.valueOf(random.nextInt(1000))
                    : VALUES[random.nextInt(VALUES.length)]));
        }
        if (random.nextInt(5) != 0) {
            fields.add("\"method\":" + (random.nextInt(8) == 0 ? VALUES[random.nextInt(VALUES.length)]
                    : "\"" + METHODS[random.nextInt(METHODS.length)] + "\""));
        }
        if (random.nextBoolean()) {
            fields.add("\"params\":" + VALUES[random.nextInt(VALUES.length)]);
        }
        if (random.nextInt(6) == 0) {
            fields.add((random.nextBoolean() ? "\"result\":" : "\"error\":") + VALUES[random.nextInt(VALUES.length)]);
        }
        json.append(String.join(",", fields)).append('}');
        return json.toString();
    }
}
