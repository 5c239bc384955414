package dev.mcpbridge.jinavigator;

import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.web.WebMarkdown;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Turns a downloaded body into Markdown by its media type: HTML is reduced to its main content and converted;
 * Markdown and plain text pass through; PDF becomes its text, page by page. Anything else is refused with its type.
 */
final class PageConverter {

    private static final Set<String> PASS_THROUGH = Set.of("text/markdown", "text/x-markdown", "text/plain");

    private PageConverter() {
    }

    /**
     * @param mediaType the Content-Type without parameters, lower-case (empty when the server sent none)
     * @param charset the header's charset, or null
     */
    static String convert(byte[] body, String mediaType, Charset charset, String url) {
        if (WebMarkdown.isHtml(mediaType)) {
            return WebMarkdown.html(WebMarkdown.parse(body, charset, url), WebMarkdown.Reading.READER);
        }
        if (PASS_THROUGH.contains(mediaType)) {
            return WebMarkdown.clean(new String(body, charset == null ? StandardCharsets.UTF_8 : charset));
        }
        if (mediaType.equals("application/pdf")) {
            return WebMarkdown.pdf(body, url);
        }
        throw new ToolException(url + " is " + mediaType + ", which is not turned into Markdown (HTML, Markdown, "
                + "plain text and PDF are)");
    }
}
