package dev.mcpbridge.core.spi;

/**
 * Restarting the bridge's adapters, for a tool that offers it (quickfiles' restart_mcp_servers). A restart reads the
 * adapter's settings again (configuration file, environment, command line), builds its services anew with them,
 * reloads its routes, then closes the old services; calls already running finish on the old ones. The tool list
 * stays as it was at start. A service gets this by taking it as a constructor parameter.
 */
public interface AdapterRestarts {

    enum Status { RESTARTED, NOT_SERVED, FAILED }

    /** @param message why it failed, or what was done */
    record Outcome(String adapter, Status status, String message) {
    }

    Outcome restart(String adapter);
}
