package dev.mcpbridge.core.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The one shape every HTTP error body has: a JSON-RPC error object ({@code {"jsonrpc":"2.0","id":...,"error":{"code",
 * "message"}}}) that a client can parse, never an exception's fields or a server page.
 */
final class HttpErrors {

    static final ObjectMapper JSON = new ObjectMapper();

    private HttpErrors() {
    }

    /** The JSON-RPC code that goes with an HTTP status when the body says nothing more precise. */
    static int codeFor(int status) {
        return switch (status) {
            case 400, 413, 415 -> McpSchema.ErrorCodes.INVALID_REQUEST;
            case 404 -> McpSchema.ErrorCodes.METHOD_NOT_FOUND;
            case 500 -> McpSchema.ErrorCodes.INTERNAL_ERROR;
            default -> -32000;
        };
    }

    static String body(JsonNode id, int code, String message) {
        ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0");
        if (id != null && (id.isTextual() || id.canConvertToExactIntegral() && id.canConvertToLong())) {
            reply.set("id", id);
        } else {
            reply.putNull("id");
        }
        reply.putObject("error").put("code", code).put("message", message);
        return reply.toString();
    }

    static void send(HttpServletResponse response, int status, JsonNode id, int code, String message)
            throws IOException {
        byte[] bytes = body(id, code, message).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.getOutputStream().flush();
    }
}
