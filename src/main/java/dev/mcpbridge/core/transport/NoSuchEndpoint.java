package dev.mcpbridge.core.transport;

import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every path that is not an MCP endpoint: a 404 whose JSON-RPC error says which endpoints exist, so that a client
 * configured with {@code /mcp/filesytem} learns what to write instead of "method not supported".
 */
final class NoSuchEndpoint extends HttpServlet {

    private final List<String> adapters;
    private final List<String> profiles;
    private final OriginHostCheck check;

    /** @param profiles the profiles served, a list still filled while the server is set up */
    NoSuchEndpoint(List<String> adapters, List<String> profiles, OriginHostCheck check) {
        this.adapters = List.copyOf(adapters);
        this.profiles = profiles;
        this.check = check;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            // The list of adapters is for this machine's clients, not for a page from another origin.
            check.validateHeaders(headers(request));
        } catch (ServerTransportSecurityException e) {
            HttpErrors.send(response, e.getStatusCode(), null, -32000, e.getMessage());
            return;
        }
        String path = request.getRequestURI();
        if (path != null && path.startsWith("/mcp/p/")) {
            String name = path.substring("/mcp/p/".length());
            HttpErrors.send(response, 404, null, io.modelcontextprotocol.spec.McpSchema.ErrorCodes.METHOD_NOT_FOUND,
                    "No profile '" + printable(name) + "'" + dev.mcpbridge.core.config.Suggestions.didYouMean(name,
                            profiles) + ". Profiles: " + (profiles.isEmpty() ? "none" : String.join(", ", profiles))
                            + " (declared under profiles: in mcp-bridge.yaml)");
            return;
        }
        String served = adapters.isEmpty() ? "none" : String.join(", ", adapters);
        HttpErrors.send(response, 404, null, io.modelcontextprotocol.spec.McpSchema.ErrorCodes.METHOD_NOT_FOUND,
                "No MCP endpoint at " + printable(path) + ". Served adapters: " + served + ". Endpoints: /mcp (all "
                        + "adapters) or /mcp/<adapter> for Streamable HTTP, /sse or /sse/<adapter> for legacy SSE");
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
        }
        return headers;
    }

    private static String printable(String path) {
        String clean = path == null ? "" : path.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
    }
}
