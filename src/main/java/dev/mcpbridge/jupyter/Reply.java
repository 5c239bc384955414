package dev.mcpbridge.jupyter;

import java.util.List;
import java.util.Map;

/**
 * A tool's answer when it is more than JSON: the data (sent as JSON text), images from the outputs (sent as MCP
 * image content) and whether it reports a failure that still carries its data (code that raised, a timeout).
 */
public record Reply(Map<String, Object> data, List<OutputView.Image> images, boolean error) {
}
