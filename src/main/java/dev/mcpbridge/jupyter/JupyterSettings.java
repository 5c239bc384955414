package dev.mcpbridge.jupyter;

/**
 * The jupyter adapter's settings, as declared in adapters/jupyter.yaml.
 *
 * @param serverUrl an existing Jupyter Server to use; empty to let the bridge start its own
 * @param serverToken that server's token
 * @param notebookDir the notebook directory: every path is relative to it and contained in it
 * @param python the interpreter that runs a managed server; empty to look for one that has jupyter_server
 */
public record JupyterSettings(String serverUrl, String serverToken, String notebookDir, String python,
        long executeTimeout, long maxTimeout, long streamTimeout, long interruptGraceSeconds, long startTimeoutSeconds,
        long maxOutputChars, long maxImages, long maxImageBytes, long maxRecordedChars, long maxJobs) {

    public boolean external() {
        return serverUrl != null && !serverUrl.isBlank();
    }

    /** Settings with the documented defaults, for tests and the benchmark. */
    public static JupyterSettings defaults(String serverUrl, String serverToken, String notebookDir, String python) {
        return new JupyterSettings(serverUrl, serverToken, notebookDir, python, 120, 3600, 60, 10, 60, 20_000, 8,
                2_000_000, 5_000_000, 4);
    }

    public JupyterSettings withInterruptGrace(long seconds) {
        return new JupyterSettings(serverUrl, serverToken, notebookDir, python, executeTimeout, maxTimeout,
                streamTimeout, seconds, startTimeoutSeconds, maxOutputChars, maxImages, maxImageBytes,
                maxRecordedChars, maxJobs);
    }
}
