package dev.mcpbridge.core.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Lets an instance leave without losing calls: it counts the MCP requests being answered (until their response is
 * complete, asynchronous ones included) and, once {@link #drain draining}, refuses new requests with 503 before
 * they run, so a load balancer can safely send them elsewhere ({@code retry-on 503} in HAProxy), then waits,
 * bounded, for the counted ones to finish. A GET is not counted: on an MCP endpoint it opens a listening stream
 * that lasts as long as its session, not a call.
 */
final class DrainHandler extends Handler.Wrapper {

    private static final byte[] REFUSAL = ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000,"
            + "\"message\":\"this server is shutting down: the request was not run; send it again\"}}")
            .getBytes(StandardCharsets.UTF_8);

    private final Object lock = new Object();
    private int inFlight;
    private volatile boolean draining;

    DrainHandler(Handler handler) {
        super(handler);
    }

    boolean draining() {
        return draining;
    }

    int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (HttpMethod.GET.is(request.getMethod())) {
            if (draining) {
                return refuse(response, callback);
            }
            return super.handle(request, response, callback);
        }
        synchronized (lock) {
            if (draining) {
                return refuse(response, callback);
            }
            inFlight++;
        }
        Callback counted = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                try {
                    super.succeeded();
                } finally {
                    release();
                }
            }

            @Override
            public void failed(Throwable x) {
                try {
                    super.failed(x);
                } finally {
                    release();
                }
            }
        };
        boolean handled;
        try {
            handled = super.handle(request, response, counted);
        } catch (Throwable t) {
            release();
            throw t;
        }
        if (!handled) {
            release();
        }
        return handled;
    }

    private void release() {
        synchronized (lock) {
            inFlight--;
            if (inFlight == 0) {
                lock.notifyAll();
            }
        }
    }

    /**
     * Refuses every new request from now on and waits until the counted ones have finished or {@code bound} has
     * passed.
     *
     * @return how many requests were still running at the end (0 when all finished in time)
     */
    int drain(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        synchronized (lock) {
            draining = true;
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return inFlight;
        }
    }

    private static boolean refuse(Response response, Callback callback) {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE_503);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        response.write(true, ByteBuffer.wrap(REFUSAL), callback);
        return true;
    }
}
