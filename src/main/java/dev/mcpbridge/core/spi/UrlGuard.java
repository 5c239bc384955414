package dev.mcpbridge.core.spi;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The SSRF guard of tools that fetch a URL the model chose: only http(s), and no host that resolves to a loopback,
 * private, link-local, carrier-grade NAT, unique-local, multicast or unspecified address unless the operator allows
 * private targets. Every redirect must be checked again by the caller.
 */
public final class UrlGuard {

    private static final java.util.regex.Pattern NUMERIC_LOOKING = java.util.regex.Pattern.compile("[0-9][0-9a-fx.]*");
    private static final java.util.regex.Pattern DOTTED_QUAD = java.util.regex.Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    private final boolean allowPrivate;
    private final java.util.Set<String> allowedHosts;
    private final String allowHint;

    /**
     * @param allowedHosts host names (or host:port) read even when they are private, e.g. an intranet wiki
     * @param allowHint how the operator can allow a refused host, in the adapter's own setting names (the guard
     *     knows no adapter); ends the refusal message in parentheses
     */
    public UrlGuard(boolean allowPrivate, java.util.Set<String> allowedHosts, String allowHint) {
        this.allowPrivate = allowPrivate;
        this.allowedHosts = allowedHosts;
        this.allowHint = allowHint;
    }

    /** The URL, parsed, once it passes; a {@link ToolException} naming the problem otherwise. */
    public URI check(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new ToolException("'" + url + "' is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ToolException("only http and https URLs can be read, not '" + scheme + ":'");
        }
        if (uri.getHost() == null) {
            throw new ToolException("'" + url + "' has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ToolException("URLs with credentials (user@host) are not read");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (NUMERIC_LOOKING.matcher(host).matches() && !DOTTED_QUAD.matcher(host).matches()) {
            // 0177.0.0.1, 0x7f.1, 2130706433: the JDK, a proxy and the C library each read these their own way.
            throw new ToolException("'" + uri.getHost() + "' is an ambiguous numeric address (octal, hexadecimal and "
                    + "shortened forms are read differently by different resolvers); write it as four decimal "
                    + "numbers, a.b.c.d");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        boolean named = allowedHosts.contains(host) || allowedHosts.contains(host + ":" + port);
        if (!allowPrivate && !named) {
            try {
                for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                    if (isPrivate(address)) {
                        throw new ToolException("'" + uri.getHost() + "' is a private, loopback or link-local "
                                + "address; reading it is not allowed (" + allowHint + ")");
                    }
                }
            } catch (UnknownHostException e) {
                throw new ToolException("the host '" + uri.getHost() + "' is unknown");
            }
        }
        return uri;
    }

    public static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                    || (first == 198 && (second == 18 || second == 19)) || first >= 240;
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // unique local fc00::/7
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPrivate(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
