package dev.mcpbridge.core.config;

import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.adapter.AdapterDescriptor.SettingSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks, at start-up and before any client is answered, the settings whose descriptor gives them a {@code kind}:
 * that directories exist and are directories, that URLs are http(s) URLs with a host. A mistake stops start-up with
 * one line naming where the value was set and how to fix it, rather than surfacing at the first call (after the
 * client already showed the server as connected).
 */
public final class SettingChecks {

    private SettingChecks() {
    }

    /**
     * @param values the adapter's resolved settings
     * @param places where the operator set each setting, null for a default
     * @throws ConfigException naming the first value that is wrong
     */
    public static void check(AdapterDescriptor adapter, Map<String, String> values, Function<String, String> places) {
        for (SettingSpec spec : adapter.settings().values()) {
            String value = values.get(spec.name());
            if (spec.kind() == null || value == null || value.isBlank()) {
                continue;
            }
            String problem = switch (spec.kind()) {
                case "directories" -> directories(value);
                case "url" -> url(value.strip());
                case "urls" -> urls(value);
                case "auditFile" -> AuditFiles.problem(value);
                default -> null;
            };
            if (problem != null) {
                throw SettingsBinder.refused(adapter, spec.name(), problem, places);
            }
        }
    }

    /** One per line, as the file adapters read them (blank lines skipped, a name otherwise taken as given). */
    private static String directories(String value) {
        for (String line : value.split("\n")) {
            String dir = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (dir.isBlank()) {
                continue;
            }
            Path path;
            try {
                path = Path.of(dev.mcpbridge.core.spi.HomePaths.expand(dir));
            } catch (InvalidPathException e) {
                return "'" + dir + "' is not a path (" + e.getReason() + ")";
            }
            if (!Files.exists(path)) {
                return "directory '" + dir + "' does not exist; create it or give one that does";
            }
            if (!Files.isDirectory(path)) {
                return "'" + dir + "' is a file, not a directory; give the directory that holds it";
            }
            if (!Files.isReadable(path)) {
                return "directory '" + dir + "' cannot be read by this user";
            }
        }
        return null;
    }

    private static String urls(String value) {
        for (String one : value.split("[,\\s]+")) {
            if (!one.isBlank()) {
                String problem = url(one);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static String url(String value) {
        String scheme = value.contains("://") ? value.substring(0, value.indexOf("://")).toLowerCase(Locale.ROOT) : null;
        if (scheme == null) {
            return "'" + value + "' is not a URL: write it with its scheme, e.g. http://" + value;
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "'" + value + "' is not an http(s) URL";
        }
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return "'" + value + "' names no host";
            }
        } catch (URISyntaxException e) {
            return "'" + value + "' is not a URL (" + e.getReason() + ")";
        }
        return null;
    }
}
