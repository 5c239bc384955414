package dev.mcpbridge.jinavigator;

import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.web.Page;
import dev.mcpbridge.lib.web.WebFetcher;
import dev.mcpbridge.lib.web.WebMarkdown;
import dev.mcpbridge.lib.web.WebPages;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads pages here, with no third party, through the web library; the body converted by {@link PageConverter}. */
final class LocalSource implements PageSource {

    private static final String ACCEPT = "text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.8,"
            + "application/pdf;q=0.7,*/*;q=0.1";

    private final WebPages pages;

    LocalSource(WebPages pages) {
        this.pages = pages;
    }

    @Override
    public Page read(String url, String targetSelector, boolean noCache) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", ACCEPT);
        if (noCache) {
            headers.put("Cache-Control", "no-cache");
        }
        WebFetcher.Answer answer = pages.get(url, headers);
        String type = answer.mediaType();
        String finalUrl = answer.uri().toString();
        if (answer.truncated() && type.equals("application/pdf")) {
            throw new ToolException(finalUrl + " is a PDF larger than the " + pages.maxBytes() + "-byte limit "
                    + "(JINA_MAX_PAGE_BYTES)");
        }
        String markdown = targetSelector != null && WebMarkdown.isHtml(type)
                ? WebMarkdown.selected(answer.document(), targetSelector)
                : PageConverter.convert(answer.body(), type, answer.charset(), finalUrl);
        return new Page(finalUrl, answer.truncated() ? markdown + pages.truncatedNote() : markdown,
                answer.truncated());
    }
}
