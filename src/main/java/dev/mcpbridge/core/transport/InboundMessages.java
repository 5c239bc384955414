package dev.mcpbridge.core.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;

/**
 * Turns one stdin line into a JSON-RPC message for the SDK's session, or into what to do instead: an error reply
 * (-32700 for a line that is not JSON, -32600 for JSON that is not a request the protocol allows, the id echoed only
 * when it is one) or, for a client "response" of the wrong shape, nothing but a log line. The line is parsed once;
 * the tree is then mapped onto the SDK's message types.
 */
final class InboundMessages {

    /** What a line turned out to be. */
    sealed interface Inbound {
    }

    record Request(McpSchema.JSONRPCRequest request) implements Inbound {
    }

    record Notification(McpSchema.JSONRPCNotification notification) implements Inbound {
    }

    record Response(McpSchema.JSONRPCResponse response) implements Inbound {
    }

    /** Answer with {@code reply}; {@code problem} says what was wrong, for the log. */
    record Reply(byte[] reply, String problem) implements Inbound {
    }

    /** Nothing to answer (a response or a notification cannot be answered); {@code problem} is for the log. */
    record Drop(String problem) implements Inbound {
    }

    private static final ObjectMapper TREE = new ObjectMapper();

    private final McpJsonMapper json;

    InboundMessages(McpJsonMapper json) {
        this.json = json;
    }

    Inbound classify(byte[] line, int length) {
        JsonNode node;
        try {
            node = TREE.readTree(line, 0, length);
        } catch (Exception e) {
            return new Reply(error(null, McpSchema.ErrorCodes.PARSE_ERROR, "Parse error: the line is not valid JSON"),
                    "not JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (node == null || node.isMissingNode()) {
            return new Drop("an empty line");
        }
        if (!node.isObject()) {
            return invalid(null, node.isArray() ? "a batch (JSON array): MCP messages are sent one per line"
                    : "not a JSON object");
        }
        JsonNode id = node.get("id");
        boolean idValid = id != null && MessageShape.validId(id);
        JsonNode method = node.get("method");
        if (method == null && (node.has("result") || node.has("error"))) {
            return response(node, id, idValid);
        }
        if (!"2.0".equals(node.path("jsonrpc").textValue())) {
            return invalid(idValid ? id : null, "\"jsonrpc\" is not \"2.0\"");
        }
        if (method == null || !method.isTextual()) {
            return invalid(idValid ? id : null, method == null ? "no \"method\"" : "\"method\" is not a string");
        }
        JsonNode params = node.get("params");
        if (params != null && !params.isObject() && !params.isNull()) {
            return invalid(idValid ? id : null, "\"params\" is not an object");
        }
        if (id != null && !idValid) {
            return invalid(null, "the request id " + abbreviate(id.toString())
                    + " is not a string or an integer within 64 bits");
        }
        // The rest of what HTTP refuses, so that both transports answer alike: a request whose params the SDK would
        // fail on inside (tools/call without a name, initialize without its fields).
        String problem = id == null ? null : MessageShape.problem(node);
        if (problem != null) {
            return new Reply(error(id, MessageShape.code(problem), MessageShape.message(problem)), problem);
        }
        try {
            if (id == null) {
                return new Notification(json.convertValue(node, McpSchema.JSONRPCNotification.class));
            }
            return new Request(json.convertValue(node, McpSchema.JSONRPCRequest.class));
        } catch (RuntimeException e) {
            return invalid(id, "cannot be read as a JSON-RPC message (" + firstLine(e.getMessage()) + ")");
        }
    }

    private Inbound response(JsonNode node, JsonNode id, boolean idValid) {
        String problem = null;
        if (!idValid) {
            problem = "a response whose id " + (id == null ? "is missing" : abbreviate(id.toString()) + " is invalid");
        } else if (node.has("result") && node.has("error")) {
            problem = "a response with both \"result\" and \"error\"";
        } else if (node.has("error") && !MessageShape.validError(node.get("error"))) {
            problem = "a response whose \"error\" is not an object with an integer code and a message";
        }
        if (problem != null) {
            return new Drop(problem);
        }
        try {
            return new Response(json.convertValue(node, McpSchema.JSONRPCResponse.class));
        } catch (RuntimeException e) {
            return new Drop("a response that cannot be read (" + firstLine(e.getMessage()) + ")");
        }
    }


    private static Inbound invalid(JsonNode id, String problem) {
        return new Reply(error(id, McpSchema.ErrorCodes.INVALID_REQUEST, "Invalid Request: " + problem), problem);
    }

    static byte[] error(JsonNode id, int code, String message) {
        ObjectNode reply = TREE.createObjectNode().put("jsonrpc", "2.0");
        if (id == null) {
            reply.putNull("id");
        } else {
            reply.set("id", id);
        }
        reply.putObject("error").put("code", code).put("message", message);
        return reply.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return abbreviate(text, 40);
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int end = message.indexOf('\n');
        return abbreviate(end < 0 ? message : message.substring(0, end), 160).replace("\r", "");
    }
}
