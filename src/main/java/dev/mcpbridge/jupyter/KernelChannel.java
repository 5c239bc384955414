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
 *
 * <p>After a restart the WebSocket stays open but the kernel process behind it is new, and the server's ZMQ
 * sockets reconnect to it on their own: the shell request is queued until the kernel takes it, while the iopub
 * subscription may not be in place yet, so the kernel's first outputs and its return to idle can be published to
 * no one (ZMQ's "slow joiner"). An execution would then get its reply but never its idle status, and wait for its
 * timeout. So after a restart the channel first proves the path the way Jupyter's own clients do: it sends
 * kernel_info_request until one is answered on shell and heard on iopub.
 */
final class KernelChannel {

    private static final Logger LOG = LoggerFactory.getLogger(KernelChannel.class);
    private static final String PROTOCOL_VERSION = "5.3";
    /** How long one kernel_info_request may go unheard on iopub before another is sent (Jupyter's nudge period). */
    private static final long PROBE_RESEND_MS = 500;

    private final JupyterApi api;
    private final String kernelId;
    private final String sessionId = UUID.randomUUID().toString();
    private final Map<String, Execution> pending = new ConcurrentHashMap<>();
    private final Map<String, Probe> probes = new ConcurrentHashMap<>();
    private final Object readiness = new Object();
    /** The kernel process was replaced (restarted) and the path to the new one is not proven yet. */
    private volatile boolean replaced;
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

    /**
     * Sends code for execution; stdin is refused, so input() fails at once instead of waiting forever.
     * stop_on_error is off: the bridge sends the next cell only after the previous one answered, and stops a run at
     * an error itself. With it on, ipykernel aborts whatever reaches it in a short window after an error (an
     * interrupt included) — the next call of this client, sent as soon as the error was answered, or another
     * client's request — with status 'aborted'.
     */
    Execution execute(String code, long recordCap, Duration connectTimeout) {
        if (replaced) {
            awaitReady(connectTimeout);
        }
        ObjectNode content = JupyterApi.JSON.createObjectNode().put("code", code).put("silent", false)
                .put("store_history", true).put("allow_stdin", false).put("stop_on_error", false);
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

    /**
     * The kernel was restarted: what was in flight is failed with {@code why}, and the next request waits until the
     * new kernel answers and its broadcasts reach this channel.
     */
    void kernelReplaced(String why) {
        replaced = true;
        abandonAll(why);
    }

    /**
     * Waits until the kernel answers a kernel_info_request on shell and its iopub messages for that request reach
     * this channel; a request unheard on iopub is sent again, as the subscription may not have been in place yet.
     */
    void awaitReady(Duration timeout) {
        synchronized (readiness) {
            if (!replaced) {
                return;
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            Probe probe = new Probe();
            try {
                while (true) {
                    String msgId = UUID.randomUUID().toString();
                    probes.put(msgId, probe);
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new ToolException("kernel " + kernelId + " was restarted but did not answer within "
                                + timeout.toSeconds() + " s");
                    }
                    if (!connected(Duration.ofNanos(left)).send(message("shell", "kernel_info_request", msgId,
                            JupyterApi.JSON.createObjectNode()))) {
                        throw new ToolException("could not reach kernel " + kernelId + ": its channel is closed");
                    }
                    if (probe.answered(Math.min(TimeUnit.NANOSECONDS.toMillis(left), PROBE_RESEND_MS))) {
                        replaced = false;
                        return;
                    }
                }
            } finally {
                probes.values().removeIf(p -> p == probe);
            }
        }
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

    /** kernel_info_requests sent to prove the path to a restarted kernel: one reply and one iopub message will do. */
    private static final class Probe {
        private final CompletableFuture<Void> ready = new CompletableFuture<>();
        private volatile boolean replied;
        private volatile boolean broadcast;

        void heard(String channel, String type) {
            if ("kernel_info_reply".equals(type)) {
                replied = true;
            } else if ("iopub".equals(channel)) {
                broadcast = true;
            }
            if (replied && broadcast) {
                ready.complete(null);
            }
        }

        boolean answered(long millis) {
            try {
                ready.get(Math.max(1, millis), TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException | ExecutionException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ToolException("interrupted while waiting for the kernel to answer");
            }
        }
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
            String parent = msg.path("parent_header").path("msg_id").asText("");
            String channel = msg.path("channel").asText("");
            Execution execution = pending.get(parent);
            Probe probe = probes.get(parent);
            if (execution != null) {
                execution.accept(channel, type, content);
            } else if (probe != null) {
                probe.heard(channel, type);
            } else if ("status".equals(type) && "restarting".equals(lastState)) {
                // The server restarted a kernel that died: a new process, reached as after any restart.
                kernelReplaced("the kernel died and was restarted");
            } else if ("status".equals(type) && "dead".equals(lastState)) {
                abandonAll("the kernel is dead");
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
