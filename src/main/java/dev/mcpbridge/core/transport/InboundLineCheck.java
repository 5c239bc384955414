package dev.mcpbridge.core.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * Checks one stdin line before it reaches the SDK, whose stdio transport closes the session on a malformed
 * message. A bad line gets its JSON-RPC error reply instead, and the server goes on. The check is structural (one
 * parse, no mapping), since the SDK parses the line again anyway.
 */
final class InboundLineCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @return null when the line is a JSON-RPC message, else the error reply to write */
    String check(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (Exception e) {
            return error(null, McpSchema.ErrorCodes.PARSE_ERROR, "Parse error: the line is not valid JSON");
        }
        if (isMessage(node)) {
            return null;
        }
        JsonNode id = node != null && node.isObject() ? node.get("id") : null;
        return error(id, McpSchema.ErrorCodes.INVALID_REQUEST,
                "Invalid Request: not a JSON-RPC 2.0 request, notification or response");
    }

    /** The shape the SDK accepts: a request or notification (a method), or a response (an id and a result or error). */
    private static boolean isMessage(JsonNode node) {
        if (node == null || !node.isObject() || !"2.0".equals(node.path("jsonrpc").asText(null))) {
            return false;
        }
        if (node.has("method")) {
            return node.get("method").isTextual();
        }
        return node.has("id") && (node.has("result") || node.has("error"));
    }

    private static String error(JsonNode id, int code, String message) {
        ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0");
        if (id == null || !(id.isTextual() || id.isNumber())) {
            reply.putNull("id");
        } else {
            reply.set("id", id);
        }
        reply.putObject("error").put("code", code).put("message", message);
        return reply.toString();
    }
}
