package dev.mcpbridge.core.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /health} for load balancers: 200 {@code {"status":"ok"}} when this instance takes calls, 503
 * {@code {"status":"starting"}} until its adapters' routes have started, 503 {@code {"status":"draining"}} once it
 * is shutting down. It needs no token — a health checker should not hold the secret — and so says nothing else: no
 * version, adapter, tool, session or count. Any other path goes on to the MCP endpoints and their checks.
 */
final class HealthHandler extends Handler.Wrapper {

    static final String PATH = "/health";

    private final BooleanSupplier ready;
    private final BooleanSupplier draining;

    HealthHandler(Handler handler, BooleanSupplier ready, BooleanSupplier draining) {
        super(handler);
        this.ready = ready;
        this.draining = draining;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!PATH.equals(Request.getPathInContext(request))) {
            return super.handle(request, response, callback);
        }
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        if (!head && !HttpMethod.GET.is(request.getMethod())) {
            response.setStatus(HttpStatus.METHOD_NOT_ALLOWED_405);
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            callback.succeeded();
            return true;
        }
        String status = draining.getAsBoolean() ? "draining" : ready.getAsBoolean() ? "ok" : "starting";
        byte[] body = ("{\"status\":\"" + status + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus("ok".equals(status) ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, head ? null : ByteBuffer.wrap(body), callback);
        return true;
    }
}
