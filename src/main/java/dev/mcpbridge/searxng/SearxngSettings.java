package dev.mcpbridge.searxng;

/**
 * The searxng adapter's settings, as declared in adapters/searxng.yaml and bound by the bridge at start-up.
 *
 * @param url one or more instance URLs, comma- or space-separated (user:password@ becomes basic auth)
 * @param allowHosts hosts (or host:port), comma- or space-separated, web_url_read may read although private
 */
public record SearxngSettings(String url, Mode mode, long timeoutMs, long cacheTtlSeconds, long cacheSize,
        String proxy, String userAgent, boolean allowPrivate, String allowHosts, long maxPageBytes,
        long pageTimeoutMs) {

    /** How several instances are asked: in order until one answers, or all at once with the answers merged. */
    public enum Mode { failover, fanout }

    public SearxngSettings {
        userAgent = userAgent == null || userAgent.isBlank() ? "mcp-bridge" : userAgent;
    }
}
