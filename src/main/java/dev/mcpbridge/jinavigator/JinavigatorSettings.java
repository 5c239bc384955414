package dev.mcpbridge.jinavigator;

/**
 * The jinavigator adapter's settings, as declared in adapters/jinavigator.yaml.
 *
 * @param backend local (fetch and convert here) or jina (Jina Reader)
 * @param allowHosts hosts (or host:port), comma- or space-separated, read although they are private
 * @param maxLength characters returned by default when a call gives no max_length (0: the whole page)
 */
public record JinavigatorSettings(Backend backend, String apiKey, String jinaUrl, long timeoutMs, long maxPageBytes,
        int maxConcurrency, int maxUrls, long cacheTtlSeconds, long cacheSize, boolean respectRobots,
        boolean allowPrivate, String allowHosts, String proxy, String userAgent, long maxLength) {

    /** Where pages are converted. */
    public enum Backend { local, jina }

    public JinavigatorSettings {
        backend = backend == null ? Backend.local : backend;
        apiKey = apiKey == null ? "" : apiKey.strip();
        jinaUrl = jinaUrl == null || jinaUrl.isBlank() ? "https://r.jina.ai" : jinaUrl.strip();
        allowHosts = allowHosts == null ? "" : allowHosts;
        proxy = proxy == null ? "" : proxy;
        userAgent = userAgent == null || userAgent.isBlank() ? "mcp-bridge" : userAgent.strip();
        if (timeoutMs < 1) {
            throw new IllegalArgumentException("timeoutMs must be 1 or more, not " + timeoutMs);
        }
        if (maxPageBytes < 1024) {
            throw new IllegalArgumentException("maxPageBytes must be 1024 or more, not " + maxPageBytes);
        }
        if (maxConcurrency < 1 || maxConcurrency > 64) {
            throw new IllegalArgumentException("maxConcurrency must be between 1 and 64, not " + maxConcurrency);
        }
        if (maxUrls < 1) {
            throw new IllegalArgumentException("maxUrls must be 1 or more, not " + maxUrls);
        }
    }
}
