package dev.mcpbridge.core.registry;

import java.util.List;
import java.util.Map;

/**
 * The switches that decide which tools are served, the same for every adapter.
 *
 * @param include only these tools (exposed or declared names); empty means all
 * @param exclude never these tools
 * @param readOnly serve only tools marked readOnlyHint
 * @param defaultTimeoutMillis timeout of a call when neither the tool nor {@code toolTimeouts} says otherwise
 * @param toolTimeoutsMillis per-tool timeouts by exposed name, winning over the descriptor's
 */
public record ToolSelection(List<String> include, List<String> exclude, boolean readOnly, long defaultTimeoutMillis,
        Map<String, Long> toolTimeoutsMillis) {

    public static ToolSelection all() {
        return new ToolSelection(List.of(), List.of(), false, 60_000, Map.of());
    }
}
