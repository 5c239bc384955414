package dev.mcpbridge.core.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpbridge.core.auth.CallLimits;
import dev.mcpbridge.core.mcp.ProtocolEra;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in front of the SDK's HTTP servlets, and sends the messages of the 2026-07-28 revision to
 * {@link StatelessEraEndpoint} instead. A POSTed body that is not one well-formed JSON-RPC message gets a 400
 * with a JSON-RPC error here, because the SDK would answer some of them (an {@code initialize} without params, a
 * params array) with a 500; and whatever error body the SDK writes (it serialises its exception object, stack trace
 * included) is rewritten into a plain JSON-RPC error. A {@code tools/call} over its caller's rate
 * ({@link CallLimits}) is answered 429 with {@code Retry-After} before anything runs: HTTP's own answer, which
 * proxies and HTTP clients understand, and the same words in the JSON-RPC error for the user.
 */
final class JsonRpcBodyGuard implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcBodyGuard.class);

    /** How much of a too-large body is read and dropped, at least, so that its 413 reaches the client. */
    private static final long DISCARD_AT_MOST = 1 << 20;

    private final int maxBytes;
    private final StatelessEraEndpoint statelessEra;
    private final CallLimits limits;

    /** @param statelessEra serves the messages of the 2026-07-28 revision, which the SDK behind does not know */
    JsonRpcBodyGuard(int maxBytes, StatelessEraEndpoint statelessEra, CallLimits limits) {
        this.maxBytes = maxBytes;
        this.statelessEra = statelessEra;
        this.limits = limits;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, new CleanErrors(response, null, false));
            return;
        }
        byte[] body = read(request);
        if (body == null) {
            // The rest of the body stays unread, so this connection cannot carry another request: say so, or the
            // client reuses it and its next request gets no answer.
            response.setHeader("Connection", "close");
            HttpErrors.send(response, 413, null, McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Request too large: the limit is " + maxBytes + " bytes (http.maxRequestBytes)");
            return;
        }
        JsonNode message;
        try {
            message = HttpErrors.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            HttpErrors.send(response, 400, null, McpSchema.ErrorCodes.PARSE_ERROR, "Parse error: the body is not "
                    + "valid JSON");
            return;
        }
        boolean stateless = statelessEra != null
                && ProtocolEra.isStateless(message, request.getHeader("MCP-Protocol-Version"));
        String problem = MessageShape.problem(message, stateless);
        JsonNode id = message != null && message.isObject() ? message.get("id") : null;
        if (problem != null) {
            LOG.debug("refused a malformed message: {}", problem);
            HttpErrors.send(response, 400, id, MessageShape.code(problem), MessageShape.message(problem));
            return;
        }
        if (id != null && "tools/call".equals(message.path("method").asText())) {
            java.util.Optional<CallLimits.Refusal> refused = limits.takeCall(HttpServer.callerOf(request));
            if (refused.isPresent()) {
                response.setHeader("Retry-After", Long.toString(refused.get().retryAfterSeconds()));
                HttpErrors.send(response, 429, id, HttpErrors.codeFor(429), refused.get().message());
                return;
            }
        }
        if (stateless) {
            statelessEra.serve(request, response, message);
            return;
        }
        boolean notification = message.has("method") && !message.has("id");
        chain.doFilter(new Replayed(request, body), new CleanErrors(response, id, notification));
    }

    /** The body, or null when it is larger than allowed. */
    private byte[] read(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            long declared = request.getContentLengthLong();
            if (declared > maxBytes) {
                discard(in, declared);
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                if (out.size() > maxBytes) {
                    discard(in, -1);
                    return null;
                }
            }
            return out.toByteArray();
        }
    }

    /**
     * Reads and drops what is left of a refused body, up to a bound. Closing a connection with unread bytes in its
     * receive buffer makes the kernel reset it, and the reset can destroy the 413 before the client has read it.
     * A body larger than the bound is not worth reading: its sender gets the reset.
     */
    private void discard(InputStream in, long declared) throws IOException {
        long bound = Math.max(DISCARD_AT_MOST, 4L * maxBytes);
        if (declared > bound) {
            return;
        }
        byte[] buffer = new byte[8192];
        long dropped = 0;
        int n;
        while (dropped < bound && (n = in.read(buffer)) != -1) {
            dropped += n;
        }
    }

    /** The request with its body read again from memory by the servlet behind. */
    private static final class Replayed extends HttpServletRequestWrapper {
        private final byte[] body;

        Replayed(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body is already read");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }

    /**
     * Lets successful answers (JSON, SSE streams) through untouched; an error body the SDK writes is collected and
     * replaced by a JSON-RPC error that keeps its code and message — but never an internal exception's text for a
     * 500, which is logged instead.
     */
    private static final class CleanErrors extends HttpServletResponseWrapper {
        private final JsonNode id;
        private final boolean notification;
        private ByteArrayOutputStream captured;

        CleanErrors(HttpServletResponse response, JsonNode id, boolean notification) {
            super(response);
            this.id = id;
            this.notification = notification;
        }

        private boolean capturing() {
            return getStatus() >= 400;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (!capturing()) {
                return super.getWriter();
            }
            captured = new ByteArrayOutputStream();
            return new PrintWriter(new OutputStreamWriter(captured, StandardCharsets.UTF_8), false) {
                @Override
                public void flush() {
                    super.flush();
                    rewrite();
                }

                @Override
                public void close() {
                    flush();
                }
            };
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (!capturing()) {
                return super.getOutputStream();
            }
            captured = new ByteArrayOutputStream();
            ServletOutputStream real = super.getOutputStream();
            return new ServletOutputStream() {
                @Override
                public void write(int b) {
                    captured.write(b);
                }

                @Override
                public void flush() {
                    rewrite();
                }

                @Override
                public void close() {
                    rewrite();
                }

                @Override
                public boolean isReady() {
                    return real.isReady();
                }

                @Override
                public void setWriteListener(jakarta.servlet.WriteListener listener) {
                    real.setWriteListener(listener);
                }
            };
        }

        /** Writes the clean body once: the SDK flushes after writing its whole error. */
        private void rewrite() {
            if (captured == null || captured.size() == 0 || isCommitted()) {
                return;
            }
            int status = getStatus();
            int code = HttpErrors.codeFor(status);
            String message = "HTTP " + status;
            try {
                JsonNode sdk = HttpErrors.JSON.readTree(captured.toByteArray());
                JsonNode error = sdk.has("jsonRpcError") ? sdk.get("jsonRpcError") : sdk.path("error");
                if (error.path("code").isInt()) {
                    code = error.get("code").asInt();
                }
                String text = error.path("message").asText(sdk.path("message").asText(""));
                if (status >= 500 && notification) {
                    // A notification has no answer in JSON-RPC: it was received, and what handling it did wrong is
                    // the server's to log, not the sender's to retry.
                    LOG.warn("a notification could not be handled: {}", text);
                    captured = null;
                    setStatus(HttpServletResponse.SC_ACCEPTED);
                    setContentLength(0);
                    return;
                }
                if (status >= 500) {
                    LOG.warn("HTTP {} answered with an internal error: {}", status, text);
                    message = "Internal error: the request could not be processed (see the server's log)";
                } else if (!text.isEmpty()) {
                    message = text;
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("an error body that is not JSON was replaced", e);
            }
            captured = null;
            try {
                HttpErrors.send((HttpServletResponse) getResponse(), status, id, code, message);
            } catch (IOException e) {
                LOG.debug("the error answer could not be written", e);
            }
        }
    }
}
