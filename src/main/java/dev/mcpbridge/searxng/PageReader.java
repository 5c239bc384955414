package dev.mcpbridge.searxng;

import dev.mcpbridge.core.spi.UrlGuard;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.vladsch.flexmark.html2md.converter.FlexmarkHtmlConverter;
import com.vladsch.flexmark.util.data.MutableDataSet;
import dev.mcpbridge.core.spi.ToolException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Fetches a page and turns it into Markdown: HTML is cleaned with jsoup (scripts, navigation, forms and the like
 * removed, links made absolute) and converted with flexmark; JSON is pretty-printed; text is kept as is. The charset
 * comes from the Content-Type header, else (for HTML) from the page's meta tag. Redirects are followed by hand so
 * that each target passes the {@link UrlGuard} again.
 */
final class PageReader {

    record Page(String url, String contentType, String markdown, boolean truncated) {
    }

    private static final int MAX_REDIRECTS = 5;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String NOISE = "script, style, noscript, iframe, svg, canvas, form, nav, footer, header, "
            + "aside, template, [hidden], [aria-hidden=true], [role=navigation]";

    /** ATX headings and fenced code, which is what MarkdownView (and models) read best. */
    private static final FlexmarkHtmlConverter CONVERTER = FlexmarkHtmlConverter.builder(new MutableDataSet()
            .set(FlexmarkHtmlConverter.SETEXT_HEADINGS, false)
            .set(FlexmarkHtmlConverter.SKIP_FENCED_CODE, false)
            .set(FlexmarkHtmlConverter.OUTPUT_ATTRIBUTES_ID, false)
            // Keep the page's own characters: “quotes”, dashes and ellipses are text, not markup to undo.
            .set(FlexmarkHtmlConverter.TYPOGRAPHIC_QUOTES, false)
            .set(FlexmarkHtmlConverter.TYPOGRAPHIC_SMARTS, false)).build();

    private final SearxHttp http;
    private final UrlGuard guard;
    private final Duration timeout;
    private final long maxBytes;

    PageReader(SearxHttp http, UrlGuard guard, Duration timeout, long maxBytes) {
        this.http = http;
        this.guard = guard;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /** Where a redirect points; a Location that is not a URL (a backslash, a space) is the page's error, not ours. */
    private static URI redirectTarget(URI from, String location) {
        try {
            return from.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            String shown = location.replaceAll("\\p{Cntrl}", "?");
            throw new ToolException("bad redirect from " + from + ": its Location '"
                    + (shown.length() > 200 ? shown.substring(0, 200) + "..." : shown) + "' is not a valid URL");
        }
    }

    Page read(String url) {
        URI uri = guard.check(url);
        SearxHttp.Answer answer;
        try {
            for (int redirects = 0;; redirects++) {
                answer = http.get(uri, null, "text/html,application/xhtml+xml,application/json,text/plain;q=0.9,*/*;q=0.5",
                        timeout, maxBytes);
                if (answer.status() < 300 || answer.status() >= 400 || answer.header("Location") == null) {
                    break;
                }
                if (redirects >= MAX_REDIRECTS) {
                    throw new ToolException("too many redirects (more than " + MAX_REDIRECTS + ") from " + url);
                }
                uri = guard.check(redirectTarget(uri, answer.header("Location")).toString());
            }
        } catch (HttpTimeoutException e) {
            throw new ToolException("the page did not answer within " + timeout.toMillis() + " ms: " + url);
        } catch (IOException e) {
            throw new ToolException("could not fetch " + url + " (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while fetching " + url);
        }
        if (answer.status() != 200) {
            throw new ToolException("HTTP " + answer.status() + " from " + uri);
        }
        String contentType = answer.header("Content-Type") == null ? "" : answer.header("Content-Type");
        String type = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        Charset charset = charset(contentType);
        String markdown;
        if (type.equals("text/html") || type.equals("application/xhtml+xml") || type.isEmpty()) {
            markdown = html(answer.body(), charset, uri.toString());
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

    private static String html(byte[] body, Charset charset, String baseUri) {
        Document doc;
        try {
            doc = Jsoup.parse(new ByteArrayInputStream(body), charset == null ? null : charset.name(), baseUri);
        } catch (IOException e) {
            throw new ToolException("the page could not be parsed as HTML");
        }
        doc.select(NOISE).remove();
        for (Element a : doc.select("a[href]")) {
            a.attr("href", a.attr("abs:href"));
        }
        for (Element img : doc.select("img[src]")) {
            img.attr("src", img.attr("abs:src"));
        }
        Element main = doc.selectFirst("main, article, [role=main]");
        Element content = main != null ? main : doc.body();
        String title = doc.title();
        String markdown = CONVERTER.convert(content == null ? "" : content.outerHtml()).strip();
        if (!title.isBlank() && !markdown.startsWith("# ")) {
            markdown = "# " + Text.clean(title.strip()) + "\n\n" + markdown;
        }
        return Text.clean(markdown);
    }

    private static String json(String text) {
        try {
            return "```json\n" + JSON.writeValueAsString(JSON.readTree(text)) + "\n```";
        } catch (IOException e) {
            return text;
        }
    }

    private static Charset charset(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                try {
                    return Charset.forName(p.substring(8).replace("\"", "").strip());
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
