package dev.mcpbridge.core.transport;

import dev.mcpbridge.core.mcp.ProtocolEra;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether a parsed HTTP body is one JSON-RPC 2.0 message of a shape the MCP SDK can take without failing inside:
 * a request (string or integer id), a notification, or a response; params an object; {@code initialize} with the
 * fields the MCP schema requires. Structural only: what a method does with its params is the server's business.
 */
final class MessageShape {

    /** Prefix of a problem that is about a request's params (JSON-RPC -32602) rather than its shape. */
    static final String INVALID_PARAMS = "Invalid params: ";

    /**
     * Requests whose params the SDK reads without checking them: without these fields it fails inside and the
     * request is never answered.
     */
    private static final java.util.Map<String, String> REQUIRED_PARAMS = java.util.Map.of(
            "tools/call", "name:string",
            "prompts/get", "name:string",
            "resources/read", "uri:string",
            "resources/subscribe", "uri:string",
            "resources/unsubscribe", "uri:string",
            "logging/setLevel", "level:string",
            "completion/complete", "ref:object,argument:object");

    private MessageShape() {
    }

    /** The JSON-RPC error code for a {@link #problem}: -32602 for a request's params, else -32600. */
    static int code(String problem) {
        return problem.startsWith(INVALID_PARAMS) ? io.modelcontextprotocol.spec.McpSchema.ErrorCodes.INVALID_PARAMS
                : io.modelcontextprotocol.spec.McpSchema.ErrorCodes.INVALID_REQUEST;
    }

    /** The error message for a {@link #problem}, as the client reads it. */
    static String message(String problem) {
        return problem.startsWith(INVALID_PARAMS) ? problem : "Invalid Request: " + problem;
    }

    /** @return what is wrong, for the error message, or null when the message can be handed on */
    static String problem(JsonNode message) {
        return problem(message, false);
    }

    /**
     * @param statelessEra the message is of the 2026-07-28 revision, where the methods it removed are answered
     *     "not found" whatever their params
     */
    static String problem(JsonNode message, boolean statelessEra) {
        if (message == null || message.isMissingNode()) {
            return "the body is empty; send one JSON-RPC message";
        }
        if (message.isArray()) {
            return "batches (JSON arrays) are not supported; send one message per request";
        }
        if (!message.isObject()) {
            return "the body must be a JSON-RPC message object";
        }
        if (!"2.0".equals(message.path("jsonrpc").textValue())) {
            return "\"jsonrpc\" must be \"2.0\"";
        }
        if (message.has("id") && !validId(message.get("id"))) {
            return "\"id\" must be a string or an integer";
        }
        if (message.has("method")) {
            return request(message, statelessEra);
        }
        if (!message.has("id")) {
            return "a message needs a \"method\" (request, notification) or an \"id\" (response)";
        }
        return response(message);
    }

    private static String request(JsonNode message, boolean statelessEra) {
        JsonNode method = message.get("method");
        if (!method.isTextual() || method.textValue().isEmpty()) {
            return "\"method\" must be a non-empty string";
        }
        JsonNode params = message.get("params");
        if (params != null && params.isNull()) {
            params = null; // sent by some clients for "no params"
        }
        if (params != null && !params.isObject()) {
            return "\"params\" must be an object";
        }
        if (statelessEra && ProtocolEra.removed(method.textValue())) {
            return null;
        }
        String required = REQUIRED_PARAMS.get(method.textValue());
        if (required != null && message.has("id")) {
            for (String field : required.split(",")) {
                String[] nameAndType = field.split(":");
                JsonNode value = params == null ? null : params.get(nameAndType[0]);
                if (value == null || ("object".equals(nameAndType[1]) ? !value.isObject() : !value.isTextual())) {
                    return INVALID_PARAMS + method.textValue() + " needs params {" + required.replace(":", ": ")
                            .replace(",", ", ") + "}";
                }
            }
        }
        if ("initialize".equals(method.textValue())) {
            if (!message.has("id")) {
                return "initialize must be a request (with an \"id\")";
            }
            if (params == null || !params.path("protocolVersion").isTextual()
                    || !params.path("capabilities").isObject() || !params.path("clientInfo").isObject()
                    || !params.path("clientInfo").path("name").isTextual()
                    || !params.path("clientInfo").path("version").isTextual()) {
                return "initialize needs params {protocolVersion, capabilities, clientInfo: {name, version}}";
            }
        }
        return null;
    }

    private static String response(JsonNode message) {
        boolean result = message.has("result");
        boolean error = message.has("error");
        if (result == error) {
            return "a response has exactly one of \"result\" and \"error\"";
        }
        if (error && !validError(message.get("error"))) {
            return "\"error\" must be an object with an integer \"code\" and a string \"message\"";
        }
        return null;
    }

    /** A JSON-RPC error object: an integer code and a string message. */
    static boolean validError(JsonNode error) {
        return error.isObject() && error.path("code").isIntegralNumber() && error.path("code").canConvertToInt()
                && error.path("message").isTextual();
    }

    /** JSON-RPC ids the SDK can hold and echo: a string, or an integer within a Java long. */
    static boolean validId(JsonNode id) {
        return id.isTextual() || id.isIntegralNumber() && id.canConvertToLong();
    }
}
