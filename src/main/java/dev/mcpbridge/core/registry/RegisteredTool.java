package dev.mcpbridge.core.registry;

import dev.mcpbridge.core.adapter.AdapterDescriptor.ToolSpec;
import java.time.Duration;

/**
 * A tool as served: the adapter it belongs to, the name clients see (its declared name, or
 * {@code <adapter>_<name>} when an earlier adapter already uses that name), its contract and its timeout.
 */
public record RegisteredTool(String adapter, String exposedName, ToolSpec spec, Duration timeout) {
}
