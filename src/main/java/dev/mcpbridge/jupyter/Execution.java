package dev.mcpbridge.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One execute_request on a kernel and the nbformat outputs its messages produce. Complete when both the shell
 * reply and the kernel's return to idle (for this request) have arrived: the reply alone can overtake the last
 * outputs on iopub.
 */
public final class Execution {

    private final String msgId;
    private final Instant startedAt = Instant.now();
    private final long recordCap;
    private final List<ObjectNode> outputs = new ArrayList<>();
    private final Map<String, List<ObjectNode>> displays = new HashMap<>();
    private final CompletableFuture<Execution> done = new CompletableFuture<>();
    private final CompletableFuture<Void> begun = new CompletableFuture<>();
    private long recorded;
    private boolean dropped;
    private boolean clearPending;
    private boolean replied;
    private boolean idle;
    private Integer executionCount;
    private String status = "running";
    private Instant completedAt;

    Execution(String msgId, long recordCap) {
        this.msgId = msgId;
        this.recordCap = recordCap;
    }

    public String msgId() {
        return msgId;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public CompletableFuture<Execution> done() {
        return done;
    }

    /**
     * Completes when the kernel announces the code (execute_input), or when the execution ends. ipykernel publishes
     * execute_input only after it has armed its SIGINT handler for the request; before that an interrupt is ignored.
     */
    public CompletableFuture<Void> begun() {
        return begun;
    }

    /** A message whose parent is this request, from any channel. */
    synchronized void accept(String channel, String type, JsonNode content) {
        switch (type) {
            case "status" -> {
                if ("idle".equals(content.path("execution_state").asText())) {
                    idle = true;
                }
            }
            case "execute_input" -> {
                executionCount = count(content);
                begun.complete(null);
            }
            case "stream" -> stream(content.path("name").asText("stdout"), content.path("text").asText(""));
            case "execute_result" -> {
                ObjectNode out = output("execute_result");
                out.put("execution_count", content.path("execution_count").asInt());
                out.set("data", content.path("data"));
                out.set("metadata", metadata(content));
                add(out, size(content.path("data")));
            }
            case "display_data" -> {
                ObjectNode out = output("display_data");
                out.set("data", content.path("data"));
                out.set("metadata", metadata(content));
                add(out, size(content.path("data")));
                String displayId = content.path("transient").path("display_id").asText("");
                if (!displayId.isEmpty()) {
                    displays.computeIfAbsent(displayId, k -> new ArrayList<>()).add(out);
                }
            }
            case "update_display_data" -> {
                String displayId = content.path("transient").path("display_id").asText("");
                for (ObjectNode shown : displays.getOrDefault(displayId, List.of())) {
                    shown.set("data", content.path("data"));
                    shown.set("metadata", metadata(content));
                }
            }
            case "clear_output" -> {
                if (content.path("wait").asBoolean(false)) {
                    clearPending = true;
                } else {
                    outputs.clear();
                }
            }
            case "error" -> {
                ObjectNode out = output("error");
                out.put("ename", content.path("ename").asText(""));
                out.put("evalue", content.path("evalue").asText(""));
                out.set("traceback", content.path("traceback").isArray() ? content.path("traceback")
                        : JupyterApi.JSON.createArrayNode());
                add(out, content.path("traceback").toString().length());
            }
            case "execute_reply" -> {
                replied = true;
                status = content.path("status").asText("ok");
                if (executionCount == null) {
                    executionCount = count(content);
                }
            }
            default -> {
                // comm messages, input requests (stdin is refused at request time) and the like carry no output
            }
        }
        if (replied && idle) {
            finish(status);
        }
    }

    /** Ends the execution from outside: its kernel died, restarted or the channel broke. */
    synchronized void abandon(String why) {
        if (!done.isDone()) {
            ObjectNode out = output("error");
            out.put("ename", "KernelConnectionError");
            out.put("evalue", why);
            out.set("traceback", JupyterApi.JSON.createArrayNode());
            outputs.add(out);
            finish("error");
        }
    }

    private void finish(String finalStatus) {
        status = finalStatus;
        completedAt = Instant.now();
        begun.complete(null);
        done.complete(this);
    }

    private void stream(String name, String text) {
        flushClear();
        ObjectNode last = outputs.isEmpty() ? null : outputs.get(outputs.size() - 1);
        if (dropped || recorded + text.length() > recordCap) {
            drop();
            return;
        }
        recorded += text.length();
        if (last != null && "stream".equals(last.path("output_type").asText()) && name.equals(last.path("name").asText())) {
            last.put("text", last.path("text").asText() + text);
            return;
        }
        ObjectNode out = output("stream");
        out.put("name", name);
        out.put("text", text);
        outputs.add(out);
    }

    private void add(ObjectNode out, long size) {
        flushClear();
        if ((dropped || recorded + size > recordCap) && !"error".equals(out.path("output_type").asText())) {
            drop();
            return;
        }
        recorded += size;
        outputs.add(out);
    }

    /** Past the cap, outputs are dropped (the kernel keeps running) and one notice says so. */
    private void drop() {
        if (!dropped) {
            dropped = true;
            ObjectNode notice = output("stream");
            notice.put("name", "stderr");
            notice.put("text", "\n[mcp-bridge: further output of this execution was dropped after "
                    + recordCap + " characters]\n");
            outputs.add(notice);
        }
    }

    private void flushClear() {
        if (clearPending) {
            outputs.clear();
            clearPending = false;
        }
    }

    private static ObjectNode output(String type) {
        return JupyterApi.JSON.createObjectNode().put("output_type", type);
    }

    private static JsonNode metadata(JsonNode content) {
        return content.path("metadata").isObject() ? content.path("metadata") : JupyterApi.JSON.createObjectNode();
    }

    private static Integer count(JsonNode content) {
        JsonNode c = content.path("execution_count");
        return c.isInt() ? c.asInt() : null;
    }

    private static long size(JsonNode data) {
        return data.toString().length();
    }

    /** The outputs so far, as nbformat output objects (copies). */
    public synchronized ArrayNode outputs() {
        ArrayNode copy = JupyterApi.JSON.createArrayNode();
        outputs.forEach(o -> copy.add(o.deepCopy()));
        return copy;
    }

    public synchronized int outputCount() {
        return outputs.size();
    }

    public synchronized Integer executionCount() {
        return executionCount;
    }

    /** running, ok, error or aborted. */
    public synchronized String status() {
        return status;
    }

    public synchronized Instant completedAt() {
        return completedAt;
    }
}
