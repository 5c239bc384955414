package dev.mcpbridge.jinavigator;

import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.web.WebMarkdown;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Turns a downloaded body into Markdown by its media type: HTML is reduced to its main content and converted;
 * Markdown and plain text pass through; PDF becomes its text, page by page. Anything else is refused with its type.
 */
final class PageConverter {

    private static final Set<String> HTML = Set.of("text/html", "application/xhtml+xml", "");
    private static final Set<String> PASS_THROUGH = Set.of("text/markdown", "text/x-markdown", "text/plain");
    private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[|\\-–—»·:]\\s+");

    private PageConverter() {
    }

    /**
     * @param mediaType the Content-Type without parameters, lower-case (empty when the server sent none)
     * @param charset the header's charset, or null
     */
    static String convert(byte[] body, String mediaType, Charset charset, String url) {
        if (HTML.contains(mediaType)) {
            return html(WebMarkdown.parse(body, charset, url));
        }
        if (PASS_THROUGH.contains(mediaType)) {
            return WebMarkdown.clean(new String(body, charset == null ? StandardCharsets.UTF_8 : charset));
        }
        if (mediaType.equals("application/pdf")) {
            return pdf(body, url);
        }
        throw new ToolException(url + " is " + mediaType + ", which is not turned into Markdown (HTML, Markdown, "
                + "plain text and PDF are)");
    }

    static String html(Document doc) {
        String title = title(doc);
        Element main = MainContent.of(doc);
        String markdown = WebMarkdown.toMarkdown(main);
        boolean titled = markdown.startsWith("# ") || !title.isEmpty() && markdown.lines().limit(3)
                .anyMatch(l -> l.replaceFirst("^#+\\s*", "").strip().equalsIgnoreCase(title));
        return title.isEmpty() || titled ? markdown : "# " + title + "\n\n" + markdown;
    }

    /**
     * The page's title without the site's name: the og:title when given, else the title element cut at a
     * separator when the remaining part still says something (three words or more).
     */
    static String title(Document doc) {
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

    private static String pdf(byte[] body, String url) {
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
}
