package dev.mcpbridge.core.transport;

import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Host and Origin checks against DNS rebinding. Both headers are parsed and compared by scheme, host and port
 * exactly: a prefix test would let {@code http://localhost:@evil.example} (user-info) or {@code localhost.evil.example}
 * through. Loopback names are accepted on any port; configured origins without a port mean the scheme's default one.
 */
final class OriginHostCheck implements ServerTransportSecurityValidator {

    private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[::1]");
    private static final int ANY_PORT = -2;

    private record Allowed(String scheme, String host, int port) {
    }

    private final List<Allowed> origins = new ArrayList<>();
    private final List<Allowed> hosts = new ArrayList<>();
    private final boolean checkHost;

    /**
     * @param extraHosts Host values besides loopback ones ({@code name} = any port, {@code name:port} = that one)
     * @param checkHost false on a wildcard bind without extra hosts: any name reaches it, and the token protects it
     */
    OriginHostCheck(List<String> extraOrigins, List<String> extraHosts, boolean checkHost) {
        for (String name : LOOPBACK) {
            origins.add(new Allowed("http", name, ANY_PORT));
            origins.add(new Allowed("https", name, ANY_PORT));
            hosts.add(new Allowed(null, name, ANY_PORT));
        }
        for (String origin : extraOrigins) {
            Allowed allowed = parseOrigin(origin.endsWith(":*") ? origin.substring(0, origin.length() - 2) : origin);
            if (allowed == null) {
                throw new IllegalArgumentException("'" + origin + "' is not an origin (scheme://host[:port])");
            }
            origins.add(origin.endsWith(":*") ? new Allowed(allowed.scheme(), allowed.host(), ANY_PORT) : allowed);
        }
        for (String host : extraHosts) {
            String h = host.endsWith(":*") ? host.substring(0, host.length() - 2) : host;
            Allowed allowed = parseHost(h);
            if (allowed == null) {
                throw new IllegalArgumentException("'" + host + "' is not a host name (name[:port])");
            }
            hosts.add(allowed.port() == -1 ? new Allowed(null, allowed.host(), ANY_PORT) : allowed);
        }
        this.checkHost = checkHost;
    }

    @Override
    public void validateHeaders(Map<String, List<String>> headers) throws ServerTransportSecurityException {
        String origin = header(headers, "Origin");
        if (origin != null && !origin.isBlank() && !originAllowed(origin.strip())) {
            throw new ServerTransportSecurityException(403, "Origin '" + printable(origin) + "' is not allowed "
                    + "(add it to http.allowedOrigins to accept it)");
        }
        if (checkHost) {
            String host = header(headers, "Host");
            if (host == null || !hostAllowed(host.strip())) {
                throw new ServerTransportSecurityException(421, "Host '" + printable(host) + "' is not allowed "
                        + "(add it to http.allowedHosts to accept it)");
            }
        }
    }

    boolean originAllowed(String origin) {
        Allowed given = parseOrigin(origin);
        return given != null && origins.stream().anyMatch(a -> a.scheme().equals(given.scheme())
                && a.host().equals(given.host()) && (a.port() == ANY_PORT || a.port() == given.port()));
    }

    boolean hostAllowed(String host) {
        Allowed given = parseHost(host);
        return given != null && hosts.stream().anyMatch(a -> a.host().equals(given.host())
                && (a.port() == ANY_PORT || a.port() == given.port()));
    }

    /** scheme://host[:port] and nothing else: no user-info, path, query or fragment. */
    private static Allowed parseOrigin(String origin) {
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getRawUserInfo() != null
                    || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
                return null;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
            return new Allowed(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** host[:port] as in a Host header; port -1 when absent. */
    private static Allowed parseHost(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI("http://" + host);
            if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawPath() != null
                    && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return null;
            }
            return new Allowed(null, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (name.equalsIgnoreCase(e.getKey())) {
                return e.getValue() == null || e.getValue().isEmpty() ? "" : e.getValue().get(0);
            }
        }
        return null;
    }

    /** A header echoed in an error, without control characters and bounded. */
    private static String printable(String value) {
        if (value == null) {
            return "";
        }
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
    }
}
