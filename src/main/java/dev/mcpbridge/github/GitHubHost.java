package dev.mcpbridge.github;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Turns {@code GITHUB_HOST} into the REST API base URL, as github-mcp-server does: github.com (or nothing) is
 * {@code https://api.github.com}; a GitHub Enterprise Cloud host {@code *.ghe.com} is {@code https://api.<host>}; any
 * other host is GitHub Enterprise Server, whose API lives under {@code /api/v3} (a URL that already names a path is
 * taken as the API base as it is). https is required, except for loopback addresses (local mocks and proxies).
 */
public final class GitHubHost {

    private GitHubHost() {
    }

    /** @return the API base URL without a trailing slash */
    public static String apiBase(String host) {
        String value = host == null ? "" : host.strip();
        if (value.isEmpty()) {
            return "https://api.github.com";
        }
        if (!value.contains("://")) {
            value = "https://" + value;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("github.host: '" + host + "' is not a host name or URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String name = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("github.host: '" + host + "' has no host name");
        }
        if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("github.host: give only a scheme, host, port and path, not '" + host + "'");
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback(name))) {
            throw new IllegalArgumentException("github.host: '" + host + "' must use https (http is allowed only for "
                    + "loopback addresses such as 127.0.0.1)");
        }
        String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        if (name.equals("github.com") || name.equals("www.github.com") || name.equals("api.github.com")) {
            return "https://api.github.com";
        }
        if (name.endsWith(".ghe.com")) {
            return scheme + "://" + (name.startsWith("api.") ? name : "api." + name) + port;
        }
        String hostPart = name.contains(":") && !name.startsWith("[") ? "[" + name + "]" : name;
        return scheme + "://" + hostPart + port + (path.isEmpty() ? "/api/v3" : path);
    }

    static boolean loopback(String name) {
        String bare = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        if (bare.equals("localhost")) {
            return true;
        }
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // never resolve names: only literal loopback addresses count
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
