package dev.mcpbridge.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpbridge.core.spi.ToolException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jupyter messaging protocol over a kernel's channels WebSocket (the server bridges it to the kernel's ZMQ
 * sockets). One connection per kernel, shared by every tool call: replies find their request by parent msg_id, so
 * two clients can use one kernel at once. A broken connection fails the requests in flight and is opened again on
 * the next request.
 */
final class KernelChannel {

    private static final Logger LOG = LoggerFactory.getLogger(KernelChannel.class);
    private static final String PROTOCOL_VERSION = "5.3";

    private final JupyterApi api;
    private final String kernelId;
    private final String sessionId = UUID.randomUUID().toString();
    private final Map<String, Execution> pending = new ConcurrentHashMap<>();
    private volatile String lastState = "unknown";
    private CompletableFuture<WebSocket> socket;

    KernelChannel(JupyterApi api, String kernelId) {
        this.api = api;
        this.kernelId = kernelId;
    }

    /** The last execution_state the kernel broadcast (busy, idle, starting, restarting, dead), or unknown. */
    String lastState() {
        return lastState;
    }

    /** Sends code for execution; stdin is refused, so input() fails at once instead of waiting forever. */
    Execution execute(String code, long recordCap, Duration connectTimeout) {
        ObjectNode content = JupyterApi.JSON.createObjectNode().put("code", code).put("silent", false)
                .put("store_history", true).put("allow_stdin", false).put("stop_on_error", true);
        content.set("user_expressions", JupyterApi.JSON.createObjectNode());
        String msgId = UUID.randomUUID().toString();
        Execution execution = new Execution(msgId, recordCap);
        pending.put(msgId, execution);
        execution.done().whenComplete((e, t) -> pending.remove(msgId));
        if (!connected(connectTimeout).send(message("shell", "execute_request", msgId, content))) {
            pending.remove(msgId);
            throw new ToolException("could not send the code to kernel " + kernelId + ": its channel is closed");
        }
        return execution;
    }

    /** Fails every request in flight (the kernel was restarted or shut down). */
    void abandonAll(String why) {
        pending.values().forEach(e -> e.abandon(why));
    }

    synchronized void close() {
        abandonAll("the kernel's channel was closed");
        if (socket != null && socket.isDone() && !socket.isCompletedExceptionally()) {
            socket.join().close(1000, "bye");
        }
        socket = null;
    }

    private WebSocket connected(Duration timeout) {
        CompletableFuture<WebSocket> current;
        synchronized (this) {
            if (socket == null || socket.isCompletedExceptionally()) {
                socket = new CompletableFuture<>();
                api.openChannels(kernelId, sessionId, new Listener(socket));
            }
            current = socket;
        }
        try {
            return current.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ToolException("kernel " + kernelId + " did not open its channel within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new ToolException("could not connect to kernel " + kernelId + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while connecting to kernel " + kernelId);
        }
    }

    private String message(String channel, String type, String msgId, JsonNode content) {
        ObjectNode header = JupyterApi.JSON.createObjectNode().put("msg_id", msgId).put("username", "mcp-bridge")
                .put("session", sessionId).put("msg_type", type).put("version", PROTOCOL_VERSION)
                .put("date", Instant.now().toString());
        ObjectNode msg = JupyterApi.JSON.createObjectNode();
        msg.set("header", header);
        msg.set("parent_header", JupyterApi.JSON.createObjectNode());
        msg.set("metadata", JupyterApi.JSON.createObjectNode());
        msg.set("content", content);
        msg.put("channel", channel);
        msg.set("buffers", JupyterApi.JSON.createArrayNode());
        return msg.toString();
    }

    private final class Listener extends WebSocketListener {
        private final CompletableFuture<WebSocket> opened;

        Listener(CompletableFuture<WebSocket> opened) {
            this.opened = opened;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            opened.complete(webSocket);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            JsonNode msg;
            try {
                msg = JupyterApi.JSON.readTree(text);
            } catch (IOException e) {
                LOG.debug("kernel {} sent a message that is not JSON", kernelId);
                return;
            }
            String type = msg.path("header").path("msg_type").asText(msg.path("msg_type").asText(""));
            JsonNode content = msg.path("content");
            if ("status".equals(type)) {
                lastState = content.path("execution_state").asText(lastState);
            }
            Execution execution = pending.get(msg.path("parent_header").path("msg_id").asText(""));
            if (execution != null) {
                execution.accept(msg.path("channel").asText(""), type, content);
            } else if ("status".equals(type) && ("restarting".equals(lastState) || "dead".equals(lastState))) {
                abandonAll("the kernel is " + lastState);
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
            lost("the kernel's channel closed (" + code + (reason.isBlank() ? "" : ", " + reason) + ")");
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            opened.completeExceptionally(new IOException(response == null ? String.valueOf(t.getMessage())
                    : "HTTP " + response.code() + " " + response.message(), t));
            lost("the kernel's channel failed: " + t.getMessage());
        }

        private void lost(String why) {
            synchronized (KernelChannel.this) {
                if (socket == opened) {
                    socket = null;
                }
            }
            abandonAll(why);
        }
    }
}
