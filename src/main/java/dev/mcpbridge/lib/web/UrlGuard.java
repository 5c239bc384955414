package dev.mcpbridge.lib.web;

import dev.mcpbridge.core.spi.ToolException;
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
    private final Resolver resolver;

    /**
     * @param allowedHosts host names (or host:port) read even when they are private, e.g. an intranet wiki
     * @param allowHint how the operator can allow a refused host, in the adapter's own setting names (the guard
     *     knows no adapter); ends the refusal message in parentheses
     */
    public UrlGuard(boolean allowPrivate, java.util.Set<String> allowedHosts, String allowHint) {
        this(allowPrivate, allowedHosts, allowHint, InetAddress::getAllByName);
    }

    /** @param resolver how host names are resolved, for the check and for the connection alike */
    public UrlGuard(boolean allowPrivate, java.util.Set<String> allowedHosts, String allowHint, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.allowedHosts = allowedHosts;
        this.allowHint = allowHint;
        this.resolver = resolver;
    }

    /** Host names (or host:port) written comma- or space-separated, as an allowed-hosts setting lists them. */
    public static java.util.Set<String> hostList(String list) {
        java.util.Set<String> hosts = new java.util.HashSet<>();
        for (String h : (list == null ? "" : list).split("[,\\s]+")) {
            if (!h.isBlank()) {
                hosts.add(h.strip().toLowerCase(Locale.ROOT));
            }
        }
        return java.util.Set.copyOf(hosts);
    }

    /** Resolves a host name to its addresses, as {@link InetAddress#getAllByName} does. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A host whose addresses the guard refuses; its message says why, in the words of the refusal. */
    public static final class RefusedHost extends UnknownHostException {
        RefusedHost(String message) {
            super(message);
        }
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
                refusePrivate(uri.getHost(), resolver.resolve(unbracketed(uri.getHost())));
            } catch (RefusedHost e) {
                throw new ToolException(e.getMessage());
            } catch (UnknownHostException e) {
                throw new ToolException("the host '" + uri.getHost() + "' is unknown");
            }
        }
        return uri;
    }

    /**
     * The addresses a connection to {@code host} may use, resolved now. The fetcher connects only to these, so a
     * name that resolved to a public address for {@link #check} and to a private one a moment later (DNS
     * rebinding) is refused rather than reached.
     *
     * @throws RefusedHost when one of them is private and the operator did not allow it
     */
    public InetAddress[] addresses(String host) throws UnknownHostException {
        String name = unbracketed(host);
        InetAddress[] all = resolver.resolve(name);
        if (allowPrivate || allowsByName(name.toLowerCase(Locale.ROOT))) {
            return all;
        }
        refusePrivate(host, all);
        return all;
    }

    private void refusePrivate(String host, InetAddress[] addresses) throws RefusedHost {
        for (InetAddress address : addresses) {
            if (isPrivate(address)) {
                throw new RefusedHost("'" + host + "' is a private, loopback or link-local address; reading it is "
                        + "not allowed (" + allowHint + ")");
            }
        }
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * Whether an allowed-hosts entry names this host, on any port: the connection's resolver sees no port, and
     * {@link #check} has already held the URL's port to the entry.
     */
    private boolean allowsByName(String host) {
        return allowedHosts.stream().anyMatch(entry -> entry.equals(host) || entry.startsWith(host + ":"));
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
            if (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && b[4] == 0 && b[5] == 1) {
                return true; // local-use NAT64 64:ff9b:1::/48: the IPv4 address may sit anywhere in it
            }
            byte[] embedded = embeddedIpv4(b);
            if (embedded != null) {
                try {
                    return isPrivate(InetAddress.getByAddress(embedded));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The IPv4 address an IPv6 address carries, in the forms a host or a gateway may route to that IPv4 address:
     * IPv4-compatible {@code ::a.b.c.d}, mapped {@code ::ffff:a.b.c.d}, translated {@code ::ffff:0:a.b.c.d},
     * NAT64 {@code 64:ff9b::a.b.c.d}, 6to4 {@code 2002:AABB:CCDD::} and Teredo {@code 2001:0::} (client address
     * inverted in the last four bytes); null for any other address.
     */
    private static byte[] embeddedIpv4(byte[] b) {
        if (zero(b, 0, 10) && ((b[10] == 0 && b[11] == 0) || ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff))) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        if (zero(b, 0, 8) && (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && b[10] == 0 && b[11] == 0) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        if (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zero(b, 4, 12)) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return new byte[] {b[2], b[3], b[4], b[5]};
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
            return new byte[] {(byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]};
        }
        return null;
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
