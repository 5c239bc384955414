package dev.mcpbridge.core.mcp;

import dev.mcpbridge.core.spi.ClientRequest;
import dev.mcpbridge.core.spi.ToolException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.Disposable;

/**
 * One call running as a task of the 2026-07-28 tasks extension: the client got its id at once and polls
 * {@code tasks/get}, answers what the call asks through {@code tasks/update}, and may stop it with
 * {@code tasks/cancel}. The call keeps its thread while it waits for an answer, so a task lives on the instance
 * that started it (a load balancer routes its requests by the {@code Mcp-Name} header, which carries the id).
 */
final class Task {

    enum Status {
        WORKING, INPUT_REQUIRED, COMPLETED, FAILED, CANCELLED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        boolean terminal() {
            return this == COMPLETED || this == FAILED || this == CANCELLED;
        }
    }

    static final long POLL_INTERVAL_MS = 500;

    private final String id;
    private final long ttlMs;
    private final Clock clock;
    private final Instant created;
    private Instant updated;
    private Status status = Status.WORKING;
    private Map<String, Object> result;
    private Map<String, Object> error;
    private final Map<String, Map<String, Object>> pending = new LinkedHashMap<>();
    private final Map<String, Object> answers = new LinkedHashMap<>();
    private Disposable running;

    Task(String id, long ttlMs, Clock clock) {
        this.id = id;
        this.ttlMs = ttlMs;
        this.clock = clock;
        this.created = clock.instant();
        this.updated = created;
    }

    String id() {
        return id;
    }

    synchronized void running(Disposable call) {
        this.running = call;
        if (status == Status.CANCELLED) {
            call.dispose();
        }
    }

    /** Whether the task is over and its time to be kept ran out. */
    synchronized boolean expired() {
        return status.terminal() && updated.toEpochMilli() + ttlMs < clock.millis();
    }

    /**
     * The client's answers to {@code requests}, waiting (status {@code input_required}) until it has given every
     * one through {@code tasks/update}.
     */
    synchronized Map<String, Map<String, Object>> ask(Map<String, ClientRequest> requests) {
        requests.forEach((key, request) -> {
            if (!answers.containsKey(key)) {
                Map<String, Object> wanted = new LinkedHashMap<>();
                wanted.put("method", request.method());
                wanted.put("params", request.params());
                pending.put(key, wanted);
            }
        });
        if (!pending.isEmpty()) {
            set(Status.INPUT_REQUIRED);
        }
        while (!pending.isEmpty()) {
            if (status == Status.CANCELLED) {
                throw new ToolException("the task was cancelled while it waited for the client's answer");
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ToolException("the task was stopped while it waited for the client's answer");
            }
        }
        Map<String, Map<String, Object>> given = new LinkedHashMap<>();
        for (String key : requests.keySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> answer = answers.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            given.put(key, answer);
        }
        return given;
    }

    /** Answers from {@code tasks/update}: those of pending requests are taken, the rest ignored. */
    synchronized void deliver(Map<String, Object> responses) {
        responses.forEach((key, answer) -> {
            if (pending.remove(key) != null) {
                answers.put(key, answer);
            }
        });
        if (pending.isEmpty() && status == Status.INPUT_REQUIRED) {
            set(Status.WORKING);
        }
        notifyAll();
    }

    synchronized void complete(Map<String, Object> toolResult) {
        if (!status.terminal()) {
            result = toolResult;
            set(Status.COMPLETED);
        }
    }

    synchronized void fail(int code, String message) {
        if (!status.terminal()) {
            error = new LinkedHashMap<>(Map.of("code", code, "message", message));
            set(Status.FAILED);
        }
    }

    /** Stops the call, unless the task is over already (cancelling then changes nothing). */
    synchronized void cancel() {
        if (status.terminal()) {
            return;
        }
        set(Status.CANCELLED);
        pending.clear();
        notifyAll();
        if (running != null) {
            running.dispose();
        }
    }

    private void set(Status next) {
        status = next;
        updated = clock.instant();
    }

    /** {@code CreateTaskResult}: the task as it starts, flat (no wrapper), without result or requests. */
    synchronized Map<String, Object> created() {
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("resultType", "task");
        envelope(created);
        return created;
    }

    /** {@code tasks/get}'s DetailedTask: the task, with its result, error or pending requests inlined. */
    synchronized Map<String, Object> detailed() {
        Map<String, Object> detailed = new LinkedHashMap<>();
        detailed.put("resultType", "complete");
        envelope(detailed);
        if (status == Status.COMPLETED) {
            detailed.put("result", result);
        } else if (status == Status.FAILED) {
            detailed.put("error", error);
        } else if (status == Status.INPUT_REQUIRED) {
            detailed.put("inputRequests", new LinkedHashMap<>(pending));
        }
        return detailed;
    }

    private void envelope(Map<String, Object> into) {
        into.put("taskId", id);
        into.put("status", status.label());
        into.put("createdAt", created.toString());
        into.put("lastUpdatedAt", updated.toString());
        into.put("ttlMs", ttlMs);
        into.put("pollIntervalMs", POLL_INTERVAL_MS);
    }
}
