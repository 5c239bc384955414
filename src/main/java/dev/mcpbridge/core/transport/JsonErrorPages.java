package dev.mcpbridge.core.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error pages (sendError, unsupported methods, bad HTTP) as JSON-RPC errors: no HTML, no server version,
 * no stack trace, whatever the client asked for.
 */
final class JsonErrorPages extends ErrorHandler {

    JsonErrorPages() {
        setShowStacks(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
            String contentType, List<Charset> charsets, int code, String message, Throwable cause) throws IOException {
        String text = message == null || message.isBlank() || code >= 500 ? reason(code) : message;
        byte[] body = HttpErrors.body(null, HttpErrors.codeFor(code), text).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private static String reason(int code) {
        return switch (code) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Request too large";
            case 415 -> "Unsupported Media Type";
            default -> code >= 500 ? "Internal error: the request could not be processed (see the server's log)"
                    : "HTTP " + code;
        };
    }
}
