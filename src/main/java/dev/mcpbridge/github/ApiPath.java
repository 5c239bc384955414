package dev.mcpbridge.github;

import dev.mcpbridge.core.spi.PathSegments;
import dev.mcpbridge.core.spi.ToolException;

/**
 * Builds API paths from user-supplied values so that none of them can change which API route a request reaches.
 * Each value is percent-encoded as one path segment ({@code /} becomes {@code %2F}); multi-segment values (a file
 * path, a branch with slashes) are encoded segment by segment. The dot segments {@code .} and {@code ..} are refused
 * outright: URL parsers, OkHttp's included, resolve them even when percent-encoded ({@code %2E%2E}).
 */
public final class ApiPath {

    private final StringBuilder path = new StringBuilder();

    private ApiPath() {
    }

    /** Starts a path with fixed (trusted) segments, e.g. {@code ApiPath.of("repos")}. */
    public static ApiPath of(String... fixed) {
        ApiPath p = new ApiPath();
        for (String f : fixed) {
            p.path.append('/').append(f);
        }
        return p;
    }

    /** A fixed segment written by the adapter itself. */
    public ApiPath fixed(String segment) {
        path.append('/').append(segment);
        return this;
    }

    /** One user-supplied value as exactly one segment. */
    public ApiPath seg(String what, Object value) {
        String v = value == null ? "" : String.valueOf(value);
        if (v.isEmpty()) {
            throw new ToolException(what + " must not be empty");
        }
        checkDots(what, v);
        path.append('/').append(PathSegments.encode(v));
        return this;
    }

    /** A user-supplied slash-separated value (a file path, a ref with slashes), one segment per part. */
    public ApiPath segs(String what, String value) {
        String v = value == null ? "" : value.strip();
        while (v.startsWith("/")) {
            v = v.substring(1);
        }
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        if (v.isEmpty()) {
            return this;
        }
        for (String part : v.split("/", -1)) {
            if (part.isEmpty()) {
                throw new ToolException(what + " '" + value + "' has an empty segment ('//')");
            }
            checkDots(what, part);
            path.append('/').append(PathSegments.encode(part));
        }
        return this;
    }

    private static void checkDots(String what, String segment) {
        if (segment.equals(".") || segment.equals("..") || segment.contains("\u0000")) {
            throw new ToolException(what + " must not contain '.' or '..' segments or NUL characters");
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
