package dev.mcpbridge.lib.web;

import dev.mcpbridge.core.spi.ToolException;
import java.time.Duration;
import java.util.Map;

/**
 * The one way the adapters read a page the model chose: its URL checked by the guard, the site's robots.txt asked
 * when the adapter honours it, every redirect checked again and the body capped by the {@link WebFetcher}, and any
 * answer but a 200 refused.
 *
 * @param robots null when the adapter does not honour robots.txt
 * @param timeout for the whole exchange, the body included
 * @param maxBytes the body's cap; the rest of a longer page is not read
 */
public record WebPages(WebFetcher fetcher, RobotsPolicy robots, Duration timeout, long maxBytes) {

    /** The page's 200 answer; a {@link ToolException} for a refused URL, an unreachable page or any other status. */
    public WebFetcher.Answer get(String url, Map<String, String> headers) {
        if (robots != null) {
            robots.check(fetcher.guard().check(url));
        }
        WebFetcher.Answer answer = fetcher.get(url, headers, timeout, maxBytes);
        if (answer.status() != 200) {
            throw new ToolException("HTTP " + answer.status() + " from " + answer.uri());
        }
        return answer;
    }

    /** What is said after the text of a page whose end was not read. */
    public String truncatedNote() {
        return "\n\n[The page is larger than " + maxBytes + " bytes; only its beginning was read]";
    }
}
