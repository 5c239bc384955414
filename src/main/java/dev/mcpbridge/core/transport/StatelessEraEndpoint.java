package dev.mcpbridge.core.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpbridge.core.mcp.StatelessEra;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries a 2026-07-28 request over Streamable HTTP: the same Host/Origin check as the SDK's endpoints, then
 * {@link StatelessEra}'s answer as one JSON body — or, when the call sends progress or log messages on the way and
 * the client accepts a stream, as an SSE stream that ends with the answer.
 */
final class StatelessEraEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(StatelessEraEndpoint.class);

    private final StatelessEra era;
    private final OriginHostCheck security;

    StatelessEraEndpoint(StatelessEra era, OriginHostCheck security) {
        this.era = era;
        this.security = security;
    }

    void serve(HttpServletRequest request, HttpServletResponse response, JsonNode message) throws IOException {
        try {
            security.validateHeaders(headers(request));
        } catch (ServerTransportSecurityException e) {
            HttpErrors.send(response, e.getStatusCode(), message.get("id"), -32600, e.getMessage());
            return;
        }
        String accept = request.getHeader("Accept");
        boolean streamable = accept != null && accept.contains("text/event-stream");
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        Reply reply = new Reply(async, (HttpServletResponse) async.getResponse(), streamable, message.get("id"));
        Map<String, String> parameters = new java.util.HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            if (name.toLowerCase(java.util.Locale.ROOT).startsWith("mcp-param-")) {
                parameters.put(name.toLowerCase(java.util.Locale.ROOT), request.getHeader(name));
            }
        }
        StatelessEra.Headers headers = new StatelessEra.Headers(request.getHeader("MCP-Protocol-Version"),
                request.getHeader("Mcp-Method"), request.getHeader("Mcp-Name"), parameters);
        era.answer(message, headers, reply::notification, HttpServer.callerOf(request))
                .subscribe(reply::finish, reply::fail);
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }

    /** One answer on its way: plain JSON, or an SSE stream once a notification has to go out first. */
    private static final class Reply {
        private final AsyncContext async;
        private final HttpServletResponse response;
        private final boolean streamable;
        private final JsonNode id;
        private boolean streaming;
        private boolean done;

        Reply(AsyncContext async, HttpServletResponse response, boolean streamable, JsonNode id) {
            this.id = id;
            this.async = async;
            this.response = response;
            this.streamable = streamable;
        }

        synchronized void notification(Map<String, Object> notification) {
            if (done || !streamable) {
                // A client that takes only JSON gets the answer alone.
                return;
            }
            try {
                if (!streaming) {
                    streaming = true;
                    response.setStatus(200);
                    response.setContentType("text/event-stream");
                    response.setCharacterEncoding("UTF-8");
                    response.setHeader("Cache-Control", "no-cache");
                }
                event(notification);
            } catch (IOException e) {
                LOG.debug("a notification could not be sent: {}", e.toString());
            }
        }

        synchronized void finish(StatelessEra.Answer answer) {
            if (done) {
                return;
            }
            done = true;
            try {
                if (streaming) {
                    event(answer.body());
                } else if (answer.body() == null) {
                    response.setStatus(answer.status());
                    response.setContentLength(0);
                } else {
                    byte[] body = HttpErrors.JSON.writeValueAsBytes(answer.body());
                    response.setStatus(answer.status());
                    response.setContentType("application/json");
                    response.setContentLength(body.length);
                    response.getOutputStream().write(body);
                }
            } catch (IOException e) {
                LOG.debug("an answer could not be sent: {}", e.toString());
            } finally {
                async.complete();
            }
        }

        synchronized void fail(Throwable error) {
            LOG.warn("a 2026-07-28 request failed: {}", error.toString());
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("jsonrpc", "2.0");
            body.put("id", HttpErrors.JSON.convertValue(id, Object.class));
            body.put("error", Map.of("code", -32603,
                    "message", "Internal error: the request could not be processed (see the server's log)"));
            finish(new StatelessEra.Answer(500, body));
        }

        private void event(Object message) throws IOException {
            byte[] data = HttpErrors.JSON.writeValueAsBytes(message);
            var out = response.getOutputStream();
            out.write("event: message\ndata: ".getBytes(StandardCharsets.US_ASCII));
            out.write(data);
            out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }
}
