package dev.mcpbridge.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;

/** One answer of the REST API: status, headers and body, with the paging links GitHub sends in {@code Link}. */
public record ApiResponse(int code, Headers headers, byte[] body) {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"([a-z]+)\"");
    private static final Pattern PAGE = Pattern.compile("[?&]page=(\\d+)");

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
        if (body.length == 0) {
            return GitHubClient.JSON.nullNode();
        }
        try {
            return GitHubClient.JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("GitHub answered with something that is not JSON", e);
        }
    }

    /** The page number of the {@code rel} link ("next", "last", "prev", "first"), or null. */
    public Integer linkPage(String rel) {
        String link = headers.get("Link");
        if (link == null) {
            return null;
        }
        Matcher m = LINK.matcher(link);
        while (m.find()) {
            if (m.group(2).equals(rel)) {
                Matcher p = PAGE.matcher(m.group(1));
                return p.find() ? Integer.valueOf(p.group(1)) : null;
            }
        }
        return null;
    }
}
