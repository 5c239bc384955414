package dev.mcpbridge.core.invoke;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes a value as one URL path segment, so that an argument such as {@code ../admin} or
 * {@code a/b?x=1} can never change which API route a request reaches.
 */
public final class PathSegments {

    private PathSegments() {
    }

    public static String encode(String value) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        // "." and ".." survive form encoding but are path navigation; encode them too.
        return encoded.chars().allMatch(c -> c == '.') ? encoded.replace(".", "%2E") : encoded;
    }
}
