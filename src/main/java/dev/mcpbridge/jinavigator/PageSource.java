package dev.mcpbridge.jinavigator;

import dev.mcpbridge.lib.web.Page;

/** Where pages are read: locally (fetch and convert here) or through Jina Reader. */
interface PageSource {

    /**
     * @param targetSelector a CSS selector naming the part of the page to keep instead of the detected main
     *     content, or null
     * @param noCache ask upstream caches for a fresh copy
     */
    Page read(String url, String targetSelector, boolean noCache);
}
