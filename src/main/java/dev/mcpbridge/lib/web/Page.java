package dev.mcpbridge.lib.web;

/**
 * A page read as Markdown.
 *
 * @param url where the content came from, after redirects
 * @param truncated the download was cut at the size limit, so the end of the page is missing
 */
public record Page(String url, String markdown, boolean truncated) {
}
