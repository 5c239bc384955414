package dev.mcpbridge.github;

import dev.mcpbridge.core.spi.SettingsException;

/**
 * The github adapter's settings used by its client, as declared in adapters/github.yaml and bound at start-up
 * ({@code toolsets} and {@code readOnly} are the bridge's own descriptor features, not the client's).
 *
 * @param fallbackToken GITHUB_TOKEN, used when GITHUB_PERSONAL_ACCESS_TOKEN is not set
 * @param cacheMaxAge seconds a cached answer is used without asking GitHub (0: always revalidate)
 * @param maxRetryWait longest wait before a retry, in seconds
 * @param retryBackoffMillis first backoff step (doubled on each retry); tests make it short
 * @param requestTimeout read and write timeout of one request, in seconds
 */
public record GitHubSettings(String host, String token, String fallbackToken, boolean cache, String cacheDir,
        long cacheSizeMb, long cacheMaxAge, long contentWindow, long maxRetries, long maxRetryWait,
        long retryBackoffMillis, long requestTimeout) {

    public GitHubSettings {
        host = host == null ? "" : host;
        token = token == null ? "" : token.strip();
        fallbackToken = fallbackToken == null ? "" : fallbackToken.strip();
        cacheDir = cacheDir == null ? "" : cacheDir.strip();
        positive("cacheSizeMb", cacheSizeMb);
        positive("contentWindow", contentWindow);
        positive("requestTimeout", requestTimeout);
        nonNegative("cacheMaxAge", cacheMaxAge);
        nonNegative("maxRetries", maxRetries);
        nonNegative("maxRetryWait", maxRetryWait);
        nonNegative("retryBackoffMillis", retryBackoffMillis);
    }

    /** The defaults of adapters/github.yaml with another host, for tests of the client alone. */
    static GitHubSettings forHost(String host) {
        return new GitHubSettings(host, "", "", true, "", 50, 0, 40_000, 3, 10, 500, 30);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new SettingsException(name, "must be greater than 0, not " + value);
        }
    }

    private static void nonNegative(String name, long value) {
        if (value < 0) {
            throw new SettingsException(name, "must be 0 or more, not " + value);
        }
    }
}
