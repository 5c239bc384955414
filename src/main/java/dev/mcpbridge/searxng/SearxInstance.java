package dev.mcpbridge.searxng;

import dev.mcpbridge.core.spi.ToolException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One configured SearXNG instance: its base URL without credentials, and the basic-auth header taken from the URL's
 * userinfo, if any. {@link #toString()} never shows the credentials.
 */
record SearxInstance(URI base, String authorization) {

    static List<SearxInstance> parse(String urls) {
        List<SearxInstance> instances = new ArrayList<>();
        for (String raw : urls.split("[,\\s]+")) {
            if (raw.isBlank()) {
                continue;
            }
            try {
                URI uri = new URI(raw.strip());
                if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                        || uri.getHost() == null) {
                    throw new ToolException("SEARXNG_URL: '" + redact(raw) + "' is not an http(s) URL");
                }
                String auth = null;
                if (uri.getRawUserInfo() != null) {
                    String[] parts = uri.getRawUserInfo().split(":", 2);
                    String user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                    String password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
                    auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                            .getBytes(StandardCharsets.UTF_8));
                }
                String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
                URI base = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), null, null, null);
                instances.add(new SearxInstance(URI.create(base + path), auth));
            } catch (URISyntaxException e) {
                throw new ToolException("SEARXNG_URL: '" + redact(raw) + "' is not a valid URL");
            }
        }
        if (instances.isEmpty()) {
            throw new ToolException("SEARXNG_URL is empty: give the URL of at least one SearXNG instance");
        }
        return List.copyOf(instances);
    }

    URI resolve(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    private static String redact(String raw) {
        return raw.replaceAll("//[^/@]*@", "//****@");
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
