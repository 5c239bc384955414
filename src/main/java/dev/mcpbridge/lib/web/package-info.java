/**
 * Reading web pages for the adapters that do (searxng's web_url_read, jinavigator): URLs the model chose checked by
 * the {@link dev.mcpbridge.lib.web.UrlGuard} at every hop, fetched with one deadline and a size cap by the {@link
 * dev.mcpbridge.lib.web.WebFetcher}, and HTML turned into Markdown by {@link dev.mcpbridge.lib.web.WebMarkdown}.
 */
package dev.mcpbridge.lib.web;
