package dev.mcpbridge.lib.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.vladsch.flexmark.html2md.converter.FlexmarkHtmlConverter;
import com.vladsch.flexmark.util.data.MutableDataSet;
import dev.mcpbridge.core.spi.ToolException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Selector;

/**
 * Web pages as Markdown for a model: parsing with the page's charset; an HTML page's main content under its title, or
 * the part a CSS selector names, as GitHub-flavoured Markdown (ATX headings, fenced code keeping its language, tables,
 * absolute links and images); a PDF's text page by page; JSON pretty-printed; and text cleaned of the invisible and
 * bidirectional control characters that can hide instructions. Which media types a tool reads, and how it refuses
 * the others, is the tool's.
 */
public final class WebMarkdown {

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

    /** ATX headings and fenced code, which is what outlines (and models) read best. */
    private static final FlexmarkHtmlConverter CONVERTER = FlexmarkHtmlConverter.builder(new MutableDataSet()
            .set(FlexmarkHtmlConverter.SETEXT_HEADINGS, false)
            .set(FlexmarkHtmlConverter.SKIP_FENCED_CODE, false)
            .set(FlexmarkHtmlConverter.OUTPUT_ATTRIBUTES_ID, false)
            // Keep the page's own characters: “quotes”, dashes and ellipses are text, not markup to undo.
            .set(FlexmarkHtmlConverter.TYPOGRAPHIC_QUOTES, false)
            .set(FlexmarkHtmlConverter.TYPOGRAPHIC_SMARTS, false)).build();

    private static final int CHUNK = 200;
    private static final Set<String> HTML = Set.of("text/html", "application/xhtml+xml", "");
    private static final String NOISE = "script, style, noscript, iframe, svg, canvas, form, nav, footer, header, "
            + "aside, template, [hidden], [aria-hidden=true], [role=navigation]";
    private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[|\\-–—»·:]\\s+");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private WebMarkdown() {
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

    /**
     * Parses HTML bytes. The charset is the header's when given, else jsoup's reading of the byte-order mark and
     * the page's meta tag, else UTF-8.
     */
    public static Document parse(byte[] body, Charset headerCharset, String baseUri) {
        try {
            return Jsoup.parse(new ByteArrayInputStream(body), headerCharset == null ? null : headerCharset.name(),
                    baseUri);
        } catch (IOException e) {
            throw new ToolException("the page could not be parsed as HTML");
        }
    }

    /** The element as Markdown, its links and images made absolute against the document's address first. */
    public static String toMarkdown(Element content) {
        for (Element a : content.select("a[href]")) {
            String abs = a.attr("abs:href");
            if (!abs.isEmpty()) {
                a.attr("href", abs);
            }
        }
        for (Element img : content.select("img[src]")) {
            String abs = img.attr("abs:src");
            if (!abs.isEmpty()) {
                img.attr("src", abs);
            }
        }
        // flexmark reads a fence's language from the class of <pre>; pages usually put it on the inner <code>.
        for (Element pre : content.select("pre")) {
            Element code = pre.selectFirst("> code");
            if (code != null && pre.className().isBlank()) {
                for (String name : code.classNames()) {
                    if (name.startsWith("language-") || name.startsWith("lang-")) {
                        pre.addClass(name);
                    }
                }
            }
        }
        Element root = content.parent() == null ? content : content.clone();
        flatten(root);
        // The converter expects a whole document, and it looks among a block's siblings in time that grows with
        // their number: a long page is converted a few hundred top-level blocks at a time.
        java.util.List<org.jsoup.nodes.Node> blocks = new java.util.ArrayList<>(root.childNodes());
        StringBuilder markdown = new StringBuilder();
        for (int from = 0; from < blocks.size(); from += CHUNK) {
            Document shell = Document.createShell(root.baseUri());
            for (org.jsoup.nodes.Node n : blocks.subList(from, Math.min(blocks.size(), from + CHUNK))) {
                shell.body().appendChild(n);
            }
            String part = CONVERTER.convert(shell).strip();
            if (!part.isEmpty()) {
                markdown.append(markdown.length() == 0 ? "" : "\n\n").append(part);
            }
        }
        return clean(markdown.toString()).strip();
    }

    private static final java.util.Set<String> BLOCKS = java.util.Set.of("address", "article", "aside", "blockquote",
            "center", "details", "dialog", "dd", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
            "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre",
            "section", "summary", "table", "ul");
    private static final java.util.Set<String> CONTAINERS = java.util.Set.of("div", "section", "article", "main",
            "header", "hgroup", "center", "figure", "footer", "aside", "nav", "details", "summary", "address");
    private static final java.util.Set<String> INLINE_WRAPPERS = java.util.Set.of("span", "font", "small", "big",
            "abbr", "cite", "time", "mark", "bdi", "bdo", "label");
    private static final java.util.Set<String> NO_PARAGRAPH_INSIDE = java.util.Set.of("p", "li", "td", "th", "dd",
            "dt", "h1", "h2", "h3", "h4", "h5", "h6", "a", "pre", "figcaption", "caption");

    /**
     * Removes the wrappers that mean nothing in Markdown (nested divs, sections, spans), keeping their content:
     * a container of text becomes a paragraph, a container of blocks gives way to its blocks. The converter works
     * through nesting level by level, so a page of deeply nested divs would otherwise cost it time per level.
     */
    private static void flatten(Element root) {
        java.util.List<Element> all = root.getAllElements();
        for (int i = all.size() - 1; i >= 1; i--) {
            Element e = all.get(i);
            if (e.parent() == null || MainContent.inside(e, "pre") || MainContent.inside(e, "code")) {
                continue;
            }
            String tag = e.tagName();
            if (INLINE_WRAPPERS.contains(tag)) {
                e.unwrap();
            } else if (CONTAINERS.contains(tag)) {
                boolean blocks = false;
                for (Element c : e.children()) {
                    if (BLOCKS.contains(c.tagName())) {
                        blocks = true;
                        break;
                    }
                }
                if (!blocks && !NO_PARAGRAPH_INSIDE.contains(e.parent().tagName()) && e.parent().closest("p, li, "
                        + "td, th, a, h1, h2, h3, h4, h5, h6") == null) {
                    e.tagName("p");
                } else {
                    if (blocks) {
                        wrapInlineRuns(e);
                    }
                    e.unwrap();
                }
            }
        }
    }

    /** Groups the loose text and inline elements between a container's blocks into paragraphs of their own. */
    private static void wrapInlineRuns(Element e) {
        java.util.List<org.jsoup.nodes.Node> run = new java.util.ArrayList<>();
        for (org.jsoup.nodes.Node child : new java.util.ArrayList<>(e.childNodes())) {
            boolean block = child instanceof Element c && BLOCKS.contains(c.tagName());
            if (block) {
                paragraph(run);
            } else {
                run.add(child);
            }
        }
        paragraph(run);
    }

    private static void paragraph(java.util.List<org.jsoup.nodes.Node> run) {
        boolean content = run.stream().anyMatch(n -> !(n instanceof org.jsoup.nodes.TextNode t) || !t.isBlank());
        if (content) {
            Element p = new Element("p");
            run.get(0).before(p);
            for (org.jsoup.nodes.Node n : run) {
                p.appendChild(n);
            }
        }
        run.clear();
    }

    /** Removes zero-width, bidirectional-override, tag and control characters (newlines and tabs stay). */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            boolean invisible = (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E)
                    || (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xE0000 && cp <= 0xE007F)
                    || (Character.getType(cp) == Character.CONTROL && cp != '\n' && cp != '\t');
            if (!invisible) {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
