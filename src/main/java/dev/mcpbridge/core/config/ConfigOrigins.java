package dev.mcpbridge.core.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each part of the configuration came from — a line and column of the file, an environment variable or a
 * flag — so that an error can point the operator at the place to fix rather than only at a field name.
 */
public final class ConfigOrigins {

    /** Field path ({@code settings.filesystem.directories}, {@code adapters[1]}) to where it was set. */
    private final Map<String, Origin> byPath = new HashMap<>();
    private String file;

    private record Origin(String place, boolean inFile) {
    }

    /** The file the configuration was read from, named as the operator gave it. */
    void file(String name) {
        this.file = name;
    }

    void inFile(String path, int line, int column) {
        byPath.put(path, new Origin(file + ":" + line + ":" + column, true));
    }

    /** A field set by an environment variable or a flag; what the file said below it no longer applies. */
    public void setBy(String path, String place) {
        byPath.keySet().removeIf(p -> p.startsWith(path + ".") || p.startsWith(path + "["));
        byPath.put(path, new Origin(place, false));
    }

    /**
     * The prefix of an error message about {@code path}: {@code mcp-bridge.yaml:4:3: settings.filesytem} for a field
     * of the file, {@code MCP_BRIDGE_ADAPTERS} or {@code --adapter} for one set from outside, else the path alone.
     */
    public String where(String path) {
        for (String p = path; p != null; p = parent(p)) {
            Origin origin = byPath.get(p);
            if (origin != null) {
                return origin.inFile() ? origin.place() + ": " + path : origin.place();
            }
        }
        return file == null ? path : file + ": " + path;
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? null : path.substring(0, cut);
    }
}
