package dev.mcpbridge.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Requests of the MCP 2026-07-28 revision, as a client of it sends them over Streamable HTTP, for the tests. */
public final class StatelessRequests {

    public static final String VERSION = "2026-07-28";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private static final AtomicInteger IDS = new AtomicInteger();

    private StatelessRequests() {
    }

    /** The {@code _meta} of a request: the revision, the client's capabilities and its name. */
    public static ObjectNode meta(Map<String, Object> capabilities) {
        ObjectNode meta = JSON.createObjectNode();
        meta.put("io.modelcontextprotocol/protocolVersion", VERSION);
        meta.set("io.modelcontextprotocol/clientCapabilities", JSON.valueToTree(capabilities));
        meta.set("io.modelcontextprotocol/clientInfo", JSON.valueToTree(Map.of("name", "test", "version", "1")));
        return meta;
    }

    /** A request with a fresh id; {@code meta} null for one without {@code _meta}. */
    public static ObjectNode request(String method, Map<String, Object> params, ObjectNode meta) {
        ObjectNode message = JSON.createObjectNode();
        message.put("jsonrpc", "2.0");
        message.put("id", IDS.incrementAndGet());
        message.put("method", method);
        ObjectNode p = JSON.valueToTree(params);
        if (meta != null) {
            p.set("_meta", meta);
        }
        message.set("params", p);
        return message;
    }

    /**
     * POSTs {@code message} with the revision's headers ({@code MCP-Protocol-Version}, {@code Mcp-Method}, and
     * {@code Mcp-Name} from the params' name, uri or taskId), then {@code headers} as name, value pairs — a null
     * value removes the header.
     */
    public static HttpResponse<String> post(String url, ObjectNode message, String... headers) throws Exception {
        JsonNode params = message.path("params");
        List<String> all = new ArrayList<>(List.of("MCP-Protocol-Version", VERSION, "Mcp-Method",
                message.path("method").asText()));
        for (String field : List.of("name", "uri", "taskId")) {
            if (params.path(field).isTextual()) {
                all.addAll(List.of("Mcp-Name", params.get(field).asText()));
                break;
            }
        }
        all.addAll(Arrays.asList(headers));
        Map<String, String> merged = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i += 2) {
            merged.put(all.get(i).toLowerCase(Locale.ROOT), all.get(i + 1));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(message.toString()));
        merged.forEach((name, value) -> {
            if (value != null) {
                request.header(name, value);
            }
        });
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
