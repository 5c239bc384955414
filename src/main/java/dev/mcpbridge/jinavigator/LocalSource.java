package dev.mcpbridge.jinavigator;

import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.web.UrlGuard;
import dev.mcpbridge.lib.web.WebFetcher;
import dev.mcpbridge.lib.web.WebMarkdown;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Selector;

/**
 * Reads pages here, with no third party: fetched through the shared SSRF guard (each redirect checked again),
 * robots.txt honoured when asked, the body converted by {@link PageConverter}.
 */
final class LocalSource implements PageSource {

    private static final String ACCEPT = "text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.8,"
            + "application/pdf;q=0.7,*/*;q=0.1";

    private final WebFetcher fetcher;
    private final UrlGuard guard;
    private final RobotsPolicy robots;
    private final Duration timeout;
    private final long maxBytes;

    /** @param robots null when robots.txt is not honoured */
    LocalSource(WebFetcher fetcher, UrlGuard guard, RobotsPolicy robots, Duration timeout, long maxBytes) {
        this.fetcher = fetcher;
        this.guard = guard;
        this.robots = robots;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    @Override
    public Page read(String url, String targetSelector, boolean noCache) {
        URI uri = guard.check(url);
        if (robots != null) {
            robots.check(uri);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", ACCEPT);
        if (noCache) {
            headers.put("Cache-Control", "no-cache");
        }
        WebFetcher.Answer answer = fetcher.get(uri.toString(), headers, timeout, maxBytes);
        if (answer.status() != 200) {
            throw new ToolException("HTTP " + answer.status() + " from " + answer.uri());
        }
        String type = answer.mediaType();
        String finalUrl = answer.uri().toString();
        if (answer.truncated() && type.equals("application/pdf")) {
            throw new ToolException(finalUrl + " is a PDF larger than the " + maxBytes + "-byte limit "
                    + "(JINA_MAX_PAGE_BYTES)");
        }
        String markdown;
        if (targetSelector != null && (type.equals("text/html") || type.equals("application/xhtml+xml")
                || type.isEmpty())) {
            markdown = selected(WebMarkdown.parse(answer.body(), answer.charset(), finalUrl), targetSelector);
        } else {
            markdown = PageConverter.convert(answer.body(), type, answer.charset(), finalUrl);
        }
        if (answer.truncated()) {
            markdown += "\n\n[The page is larger than " + maxBytes + " bytes; only its beginning was read]";
        }
        return new Page(finalUrl, markdown, answer.truncated());
    }

    private static String selected(Document doc, String selector) {
        Elements found;
        try {
            found = doc.select(selector);
        } catch (Selector.SelectorParseException e) {
            throw new ToolException("target_selector '" + selector + "' is not a valid CSS selector");
        }
        if (found.isEmpty()) {
            throw new ToolException("nothing on the page matches target_selector '" + selector + "'");
        }
        Element all = new Element("div");
        for (Element e : found) {
            all.appendChild(e.clone());
        }
        all.setBaseUri(doc.location());
        return WebMarkdown.toMarkdown(all);
    }
}
