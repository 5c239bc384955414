/**
 * Reading web pages, for the adapters that do (searxng's web_url_read, jinavigator): {@link
 * dev.mcpbridge.lib.web.WebPages} is the one way in. The URL the model chose passes the {@link
 * dev.mcpbridge.lib.web.UrlGuard} before the fetch and at every redirect, robots.txt is honoured where the adapter
 * asks, the {@link dev.mcpbridge.lib.web.WebFetcher} caps the body and the time and reads the charset, and {@link
 * dev.mcpbridge.lib.web.WebMarkdown} turns the page into Markdown, its main content found by landmarks or as a
 * reader view does ({@link dev.mcpbridge.lib.web.MainContent}). {@link dev.mcpbridge.lib.web.TextWindow} cuts the
 * text a tool returns.
 */
package dev.mcpbridge.lib.web;
