package dev.mcpbridge.wincli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** The last commands, in memory, capped at maxHistorySize (oldest dropped first). */
final class CommandHistory {

    private final int cap;
    private final Deque<Map<String, Object>> entries = new ArrayDeque<>();

    CommandHistory(int cap) {
        this.cap = cap;
    }

    int cap() {
        return cap;
    }

    synchronized void add(Map<String, Object> entry) {
        entries.addLast(entry);
        while (entries.size() > cap) {
            entries.removeFirst();
        }
    }

    /** The newest {@code limit} entries, oldest first (as win-cli-mcp-server lists them). */
    synchronized List<Map<String, Object>> last(int limit) {
        List<Map<String, Object>> all = new ArrayList<>(entries);
        return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
    }
}
