package dev.mcpbridge.lib.web;

import dev.mcpbridge.core.spi.ToolException;
import com.vladsch.flexmark.html2md.converter.FlexmarkHtmlConverter;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Web pages as Markdown for a model: parsing with the page's charset, GitHub-flavoured Markdown from HTML (ATX
 * headings, fenced code keeping its language, tables, absolute links and images), and text cleaned of the invisible
 * and bidirectional control characters that can hide instructions.
 */
public final class WebMarkdown {

    /** ATX headings and fenced code, which is what outlines (and models) read best. */
    private static final FlexmarkHtmlConverter CONVERTER = FlexmarkHtmlConverter.builder(new MutableDataSet()
            .set(FlexmarkHtmlConverter.SETEXT_HEADINGS, false)
            .set(FlexmarkHtmlConverter.SKIP_FENCED_CODE, false)
            .set(FlexmarkHtmlConverter.OUTPUT_ATTRIBUTES_ID, false)
            // Keep the page's own characters: “quotes”, dashes and ellipses are text, not markup to undo.
            .set(FlexmarkHtmlConverter.TYPOGRAPHIC_QUOTES, false)
            .set(FlexmarkHtmlConverter.TYPOGRAPHIC_SMARTS, false)).build();

    private static final int CHUNK = 200;

    private WebMarkdown() {
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
            if (e.parent() == null || insidePre(e)) {
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

    private static boolean insidePre(Element e) {
        for (Element p = e.parent(); p != null; p = p.parent()) {
            if (p.tagName().equals("pre") || p.tagName().equals("code")) {
                return true;
            }
        }
        return false;
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
