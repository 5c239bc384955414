package dev.mcpbridge.wincli;

import dev.mcpbridge.core.spi.SettingsException;

/**
 * The win-cli adapter's settings, as declared in adapters/win-cli.yaml and bound by the bridge at start-up. Values
 * whose syntax is win-cli's own (lists with "default" and "none", timeouts in seconds or as durations, shell=path
 * pairs) stay text here and are read by the class that uses them.
 */
public record WinCliSettings(String shells, String shellPaths, String policy, String allowedCommands,
        String blockedCommands, String blockedArguments, String allowedOperators, boolean enableInjectionProtection,
        String allowedPaths, boolean restrictWorkingDirectory, String commandTimeout, int maxCommandLength,
        int maxOutputBytes, boolean logCommands, int maxHistorySize, String auditLog, boolean sshEnabled,
        String sshConnectionsFile, String sshKnownHosts, String sshHostKeyPolicy, String sshCommandTimeout,
        long sshKeepaliveInterval, int sshKeepaliveCountMax, long sshReadyTimeout, String windowsRules, String sandbox,
        boolean sandboxNetwork, String passEnvironment) {

    public WinCliSettings {
        range("maxCommandLength", maxCommandLength, 1, 1_000_000);
        range("maxOutputBytes", maxOutputBytes, 64, 64L * 1024 * 1024);
        range("maxHistorySize", maxHistorySize, 1, 1_000_000);
        range("sshKeepaliveInterval", sshKeepaliveInterval, 1000, Long.MAX_VALUE);
        range("sshKeepaliveCountMax", sshKeepaliveCountMax, 1, 1000);
        range("sshReadyTimeout", sshReadyTimeout, 1000, Long.MAX_VALUE);
    }

    private static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new SettingsException(name, "must be between " + min + " and " + max + ", not " + value);
        }
    }
}
