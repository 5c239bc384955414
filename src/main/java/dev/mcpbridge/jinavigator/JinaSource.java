package dev.mcpbridge.jinavigator;

import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.web.Page;
import dev.mcpbridge.lib.web.UrlGuard;
import dev.mcpbridge.lib.web.WebFetcher;
import dev.mcpbridge.lib.web.WebMarkdown;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads pages through Jina Reader ({@code GET <base>/<url>}), as jinavigator-server did, but with the API key sent,
 * a timeout, and Jina's own options passed when asked. The base URL is the operator's, so it is not put through the
 * SSRF guard; the page's URL is only checked for its form (Jina fetches it from its own network, not ours).
 */
final class JinaSource implements PageSource {

    /** Checks scheme, host and credentials only: Jina, not this machine, connects to the page. */
    private static final UrlGuard FORM_ONLY = new UrlGuard(true, java.util.Set.of(), "");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final WebFetcher fetcher;
    private final URI base;
    private final String apiKey;
    private final Duration timeout;
    private final long maxBytes;

    JinaSource(WebFetcher fetcher, String baseUrl, String apiKey, Duration timeout, long maxBytes) {
        this.fetcher = fetcher;
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    @Override
    public Page read(String url, String targetSelector, boolean noCache) {
        URI target = FORM_ONLY.check(url);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "text/plain");
        headers.put("X-Return-Format", "markdown");
        headers.put("X-Timeout", String.valueOf(Math.max(1, timeout.toSeconds())));
        if (apiKey != null) {
            headers.put("Authorization", "Bearer " + apiKey);
        }
        if (targetSelector != null) {
            headers.put("X-Target-Selector", targetSelector);
        }
        if (noCache) {
            headers.put("X-No-Cache", "true");
        }
        WebFetcher.Answer answer = fetcher.getTrusted(URI.create(base.toString() + target), headers, timeout, maxBytes);
        switch (answer.status()) {
            case 200 -> {
                return new Page(target.toString(), WebMarkdown.clean(answer.text()), answer.truncated());
            }
            case 401, 403 -> throw new ToolException("Jina Reader refused the request (HTTP " + answer.status() + ")"
                    + (apiKey == null ? "; no JINA_API_KEY is set" : "; check JINA_API_KEY"));
            case 402 -> throw new ToolException("Jina Reader says the account has no balance left (HTTP 402)");
            case 429 -> throw new ToolException("Jina Reader's rate limit was reached (HTTP 429)"
                    + (apiKey == null ? "; a JINA_API_KEY raises it" : "") + "; try again later");
            default -> throw new ToolException("Jina Reader answered HTTP " + answer.status() + " for " + target
                    + reason(answer));
        }
    }

    /** Jina's error bodies are JSON with a readable message; a short one is worth passing on. */
    private static String reason(WebFetcher.Answer answer) {
        try {
            com.fasterxml.jackson.databind.JsonNode json = JSON.readTree(answer.body());
            String message = json.path("readableMessage").asText(json.path("message").asText(""));
            return message.isBlank() ? "" : ": " + WebMarkdown.clean(message.length() > 300
                    ? message.substring(0, 300) + "..." : message);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
