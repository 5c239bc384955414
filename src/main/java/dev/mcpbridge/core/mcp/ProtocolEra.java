package dev.mcpbridge.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * The one place that decides which era of MCP a message belongs to. Up to 2025-11-25 a client opens a session with
 * {@code initialize} and every later request rides on it; from 2026-07-28 there is no handshake and each request
 * carries its version, capabilities and client info in {@code params._meta}. Both eras are served on the same
 * endpoint (and on stdio), so each message is sorted on its own.
 */
public final class ProtocolEra {

    /** The stateless revision, and the one we answer {@code server/discover} with. */
    public static final String MODERN = "2026-07-28";

    /** Revisions we serve in the stateless era, newest first. */
    public static final List<String> MODERN_VERSIONS = List.of(MODERN);

    /** Revisions served through {@code initialize} and a session (the MCP Java SDK's). */
    static final Set<String> SESSION_VERSIONS = Set.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25");

    static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";
    static final String META_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    static final String META_CLIENT = "io.modelcontextprotocol/clientInfo";
    static final String META_LOG_LEVEL = "io.modelcontextprotocol/logLevel";
    static final String META_SERVER = "io.modelcontextprotocol/serverInfo";

    /** Methods of the session revisions that 2026-07-28 removed (answered "method not found" in that era). */
    private static final Set<String> REMOVED = Set.of("initialize", "ping", "logging/setLevel",
            "resources/subscribe", "resources/unsubscribe");

    private ProtocolEra() {
    }

    /** Whether {@code method} is one 2026-07-28 removed. */
    public static boolean removed(String method) {
        return REMOVED.contains(method);
    }

    /**
     * Whether {@code message} is a request (or notification) of the stateless era: it names its revision in
     * {@code _meta}, asks {@code server/discover}, or comes with an {@code MCP-Protocol-Version} header that no
     * session revision has. An {@code initialize} without the revision's {@code _meta} starts a session; responses belong to sessions (the
     * stateless era sends no server-to-client requests).
     *
     * @param headerVersion the {@code MCP-Protocol-Version} HTTP header, or null (stdio, or not sent)
     */
    public static boolean isStateless(JsonNode message, String headerVersion) {
        if (message == null || !message.isObject() || !message.path("method").isTextual()) {
            return false;
        }
        String method = message.get("method").asText();
        if ("server/discover".equals(method) || message.path("params").path("_meta").has(META_VERSION)) {
            return true;
        }
        if ("initialize".equals(method)) {
            // Whatever header comes with it: a client falling back to a session revision says so by initializing.
            return false;
        }
        String header = headerVersion == null ? null : headerVersion.trim();
        return header != null && !header.isEmpty() && !SESSION_VERSIONS.contains(header);
    }
}
