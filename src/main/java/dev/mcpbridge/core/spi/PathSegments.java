package dev.mcpbridge.core.spi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes a value as one URL path segment, so that an argument such as {@code ../admin} or
 * {@code a/b?x=1} can never change which API route a request reaches.
 */
public final class PathSegments {

    private PathSegments() {
    }

    /**
     * @throws ToolException for an empty value, {@code .} or {@code ..}: HTTP clients resolve
     *     those (even percent-encoded, as {@code %2E%2E}) as path navigation, so no encoding makes them safe
     */
    public static String encode(String value) {
        if (value.isEmpty() || value.equals(".") || value.equals("..")) {
            throw new ToolException("'" + value + "' cannot be used as a name in a URL path");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
