package dev.mcpbridge.lib.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mcpbridge.core.spi.ToolException;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Selector;

/**
 * Fetched pages as Markdown: an HTML page's main content under its title, the part of a page a CSS selector names,
 * a PDF's text page by page, JSON pretty-printed. Which media types a tool reads, and how it refuses the others, is
 * the tool's.
 */
public final class PageMarkdown {

    /** How an HTML page's main content is found and its title chosen. */
    public enum Reading {
        /**
         * Scripts, navigation, forms, headers and footers removed, then the main or article element, else the body;
         * titled by the title element unless the Markdown starts with a level-1 heading.
         */
        LANDMARKS,
        /**
         * The content {@link MainContent} finds as a reader view does; titled by the og:title or the title element
         * without the site's name, unless the Markdown starts with a level-1 heading or one of its first lines is
         * the title.
         */
        READER
    }

    private static final Set<String> HTML = Set.of("text/html", "application/xhtml+xml", "");
    private static final String NOISE = "script, style, noscript, iframe, svg, canvas, form, nav, footer, header, "
            + "aside, template, [hidden], [aria-hidden=true], [role=navigation]";
    private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[|\\-–—»·:]\\s+");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PageMarkdown() {
    }

    /** Whether the media type (without parameters, empty when the server sent none) is read as HTML. */
    public static boolean isHtml(String mediaType) {
        return HTML.contains(mediaType);
    }

    /** The page's main content as Markdown, under a level-1 heading of its title when it has none of its own. */
    public static String html(Document doc, Reading reading) {
        Element content = reading == Reading.READER ? MainContent.of(doc) : landmark(doc);
        String markdown = content == null ? "" : WebMarkdown.toMarkdown(content);
        String title = reading == Reading.READER ? readerTitle(doc) : WebMarkdown.clean(doc.title().strip());
        boolean titled = markdown.startsWith("# ") || reading == Reading.READER && markdown.lines().limit(3)
                .anyMatch(l -> l.replaceFirst("^#+\\s*", "").strip().equalsIgnoreCase(title));
        return title.isEmpty() || titled ? markdown : "# " + title + "\n\n" + markdown;
    }

    /** The main, article or role=main element once the page's noise is removed, else the body. */
    private static Element landmark(Document doc) {
        doc.select(NOISE).remove();
        Element main = doc.selectFirst("main, article, [role=main]");
        return main != null ? main : doc.body();
    }

    /**
     * The page's title without the site's name: the og:title when given, else the title element cut at a
     * separator when the remaining part still says something (three words or more).
     */
    static String readerTitle(Document doc) {
        Element og = doc.selectFirst("meta[property=og:title], meta[name=twitter:title]");
        String title = og != null && !og.attr("content").isBlank() ? og.attr("content") : doc.title();
        title = WebMarkdown.clean(title).strip().replaceAll("\\s+", " ");
        String[] parts = TITLE_SEPARATOR.split(title);
        if (parts.length > 1) {
            String first = parts[0].strip();
            String longest = first;
            for (String p : parts) {
                if (p.strip().length() > longest.length()) {
                    longest = p.strip();
                }
            }
            String pick = first.split("\\s+").length >= 3 ? first : longest;
            if (pick.split("\\s+").length >= 3) {
                title = pick;
            }
        }
        return title;
    }

    /** What the CSS selector matches on the page, in order, as Markdown. */
    public static String selected(Document doc, String selector) {
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

    /** A PDF's text, a "## Page n" heading over each page when there are several, under its title when it has one. */
    public static String pdf(byte[] body, String url) {
        try (PDDocument doc = Loader.loadPDF(body)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            StringBuilder md = new StringBuilder();
            String title = doc.getDocumentInformation() == null ? null : doc.getDocumentInformation().getTitle();
            if (title != null && !title.isBlank()) {
                md.append("# ").append(WebMarkdown.clean(title).strip()).append("\n\n");
            }
            int pages = doc.getNumberOfPages();
            for (int page = 1; page <= pages; page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = WebMarkdown.clean(stripper.getText(doc)).strip();
                if (pages > 1) {
                    md.append("## Page ").append(page).append("\n\n");
                }
                md.append(text).append("\n\n");
            }
            return md.toString().strip();
        } catch (InvalidPasswordException e) {
            throw new ToolException(url + " is a password-protected PDF");
        } catch (IOException e) {
            throw new ToolException(url + " is not a readable PDF (" + e.getMessage() + ")");
        }
    }

    /** JSON pretty-printed in a fenced block; text that is not JSON as it is. */
    public static String json(String text) {
        try {
            return "```json\n" + JSON.writeValueAsString(JSON.readTree(text)) + "\n```";
        } catch (IOException e) {
            return text;
        }
    }
}
