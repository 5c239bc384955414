package dev.mcpbridge.core.mcp;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tasks of this instance, by id. A finished task is kept for its {@code ttlMs} after it ended, then dropped;
 * ids are random (128 bits), so one client cannot guess another's.
 */
final class Tasks {

    static final String EXTENSION = "io.modelcontextprotocol/tasks";

    /** How long a finished task's result stays readable. */
    static final long TTL_MS = 10 * 60 * 1000;

    /** Beyond this many tasks kept, new calls are answered in the request instead. */
    static final int MAX_KEPT = 1000;

    private final Map<String, Task> byId = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    Tasks(Clock clock) {
        this.clock = clock;
    }

    /** A new task, kept before its id is handed out (a {@code tasks/get} right after finds it); null when full. */
    Task create() {
        purge();
        if (byId.size() >= MAX_KEPT) {
            return null;
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        Task task = new Task(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), TTL_MS, clock);
        byId.put(task.id(), task);
        return task;
    }

    Task get(String id) {
        purge();
        return id == null ? null : byId.get(id);
    }

    private void purge() {
        byId.values().removeIf(Task::expired);
    }
}
