package dev.mcpbridge.searxng;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.web.WebFetcher;
import dev.mcpbridge.lib.web.WebMarkdown;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Fetches a page and turns it into Markdown: HTML is cleaned with jsoup (scripts, navigation, forms and the like
 * removed) and converted by the SPI's {@link WebMarkdown}; JSON is pretty-printed; text is kept as is. Fetching,
 * redirects (each target checked by the URL guard again), the size cap and the charset are the SPI's
 * {@link WebFetcher}'s.
 */
final class PageReader {

    record Page(String url, String contentType, String markdown, boolean truncated) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String NOISE = "script, style, noscript, iframe, svg, canvas, form, nav, footer, header, "
            + "aside, template, [hidden], [aria-hidden=true], [role=navigation]";
    private static final String ACCEPT = "text/html,application/xhtml+xml,application/json,text/plain;q=0.9,*/*;q=0.5";

    private final WebFetcher fetcher;
    private final Duration timeout;
    private final long maxBytes;

    PageReader(WebFetcher fetcher, Duration timeout, long maxBytes) {
        this.fetcher = fetcher;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    Page read(String url) {
        WebFetcher.Answer answer = fetcher.get(url, Map.of("Accept", ACCEPT), timeout, maxBytes);
        URI uri = answer.uri();
        if (answer.status() != 200) {
            throw new ToolException("HTTP " + answer.status() + " from " + uri);
        }
        String type = answer.mediaType();
        Charset charset = answer.charset();
        String markdown;
        if (type.equals("text/html") || type.equals("application/xhtml+xml") || type.isEmpty()) {
            markdown = html(WebMarkdown.parse(answer.body(), charset, uri.toString()));
        } else if (type.equals("application/json") || type.endsWith("+json")) {
            markdown = json(new String(answer.body(), charset == null ? StandardCharsets.UTF_8 : charset));
        } else if (type.startsWith("text/") || type.endsWith("+xml") || type.equals("application/xml")
                || type.equals("application/yaml") || type.equals("application/toml")) {
            markdown = new String(answer.body(), charset == null ? StandardCharsets.UTF_8 : charset);
        } else {
            throw new ToolException("the page is " + type + ", which web_url_read does not turn into text");
        }
        return new Page(uri.toString(), type, markdown, answer.truncated());
    }

    private static String html(Document doc) {
        doc.select(NOISE).remove();
        Element main = doc.selectFirst("main, article, [role=main]");
        Element content = main != null ? main : doc.body();
        String title = doc.title();
        String markdown = content == null ? "" : WebMarkdown.toMarkdown(content);
        if (!title.isBlank() && !markdown.startsWith("# ")) {
            markdown = "# " + WebMarkdown.clean(title.strip()) + "\n\n" + markdown;
        }
        return markdown;
    }

    private static String json(String text) {
        try {
            return "```json\n" + JSON.writeValueAsString(JSON.readTree(text)) + "\n```";
        } catch (IOException e) {
            return text;
        }
    }
}
