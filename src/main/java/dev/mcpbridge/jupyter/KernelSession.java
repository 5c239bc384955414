package dev.mcpbridge.jupyter;

import java.time.Instant;

/**
 * A kernel the bridge knows: its id and name on the server, when and where it was started, and its channel.
 *
 * @param startedByBridge false for a kernel found running on an existing server and adopted on first use
 */
public record KernelSession(String id, String name, Instant startedAt, String workingDir, boolean startedByBridge,
        KernelChannel channel) {
}
