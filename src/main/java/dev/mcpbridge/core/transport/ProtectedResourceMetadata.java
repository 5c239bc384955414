package dev.mcpbridge.core.transport;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 9728 Protected Resource Metadata at {@code /.well-known/oauth-protected-resource} and every path-suffixed
 * form of it: the resource identifier, its authorization server and scopes, which an MCP client reads to log in.
 */
final class ProtectedResourceMetadata extends HttpServlet {

    private final byte[] document;

    ProtectedResourceMetadata(String resource, String issuer, List<String> scopes) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("resource", resource);
        metadata.put("authorization_servers", List.of(issuer));
        metadata.put("bearer_methods_supported", List.of("header"));
        if (!scopes.isEmpty()) {
            metadata.put("scopes_supported", scopes);
        }
        metadata.put("resource_name", "MCP Bridge");
        try {
            document = HttpErrors.JSON.writeValueAsBytes(metadata);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "max-age=300");
        response.setContentLength(document.length);
        response.getOutputStream().write(document);
    }
}
