package dev.mcpbridge.core.spi;

import java.util.Map;

/**
 * One request a tool makes of the client while it runs: {@code sampling/createMessage}, {@code elicitation/create}
 * or {@code roots/list}, with its params as a JSON-like map.
 */
public record ClientRequest(String method, Map<String, Object> params) {
}
