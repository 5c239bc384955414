package dev.mcpbridge.lib.files;

import dev.mcpbridge.core.spi.Booleans;
import dev.mcpbridge.core.spi.SettingsException;
import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The allowed directories of an adapter that serves files, for each call: the configured directories, with the
 * client's MCP roots added to them, put in their place, or ignored. Every adapter that takes paths (filesystem,
 * quickfiles) gets its {@link PathGuard} here, so they share one sandbox with the same directories, roots and
 * rules.
 */
public final class AllowedDirectories {

    /** What the client's MCP roots do to the configured directories. */
    public enum ClientRoots { add, replace, ignore }

    /** Guards for distinct root sets are kept up to this many, then forgotten together. */
    private static final int MAX_ROOT_SETS = 64;

    private final List<String> directories;
    private final ClientRoots clientRoots;
    private final boolean windowsRules;
    private final PathGuard configured;
    private final Map<List<String>, PathGuard> withRoots = new ConcurrentHashMap<>();

    /**
     * Checks the directories now, so that a bad one stops start-up with a message naming the setting.
     *
     * @param adapter the adapter's name, for the message when it would serve nothing
     * @param directories the {@code directories} setting: one directory per line (a directory name may hold the
     *     path separator, so nothing else separates them)
     * @param windowsRules the {@code windowsRules} setting: auto (on Windows only), true or false
     */
    public AllowedDirectories(String adapter, String directories, ClientRoots clientRoots, String windowsRules) {
        this.directories = lines(directories == null ? "." : directories);
        this.clientRoots = clientRoots == null ? ClientRoots.add : clientRoots;
        this.windowsRules = windowsRules(windowsRules);
        if (this.directories.isEmpty() && this.clientRoots == ClientRoots.ignore) {
            throw new SettingsException("directories", "the " + adapter + " adapter has no directory to serve: give "
                    + "directories as arguments or set " + adapter + ".directories");
        }
        try {
            this.configured = PathGuard.of(this.directories, this.windowsRules);
        } catch (ToolException e) {
            throw new SettingsException("directories", e.getMessage());
        }
    }

    /** Blank lines are skipped; a line is otherwise taken as given (a name may begin or end with a space). */
    private static List<String> lines(String text) {
        List<String> dirs = new ArrayList<>();
        for (String line : text.split("\n")) {
            String dir = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (!dir.isBlank()) {
                dirs.add(dir);
            }
        }
        return List.copyOf(dirs);
    }

    private static boolean windowsRules(String setting) {
        String rules = setting == null ? "" : setting.strip();
        return rules.isEmpty() || "auto".equalsIgnoreCase(rules) ? PathGuard.windowsHost()
                : Booleans.parse(rules);
    }

    /** The sandbox for this call (ctx may be null: the configured directories). */
    public PathGuard guard(ToolCallContext ctx) {
        List<String> roots = clientRoots == ClientRoots.ignore || ctx == null ? List.of() : rootDirectories(ctx.roots());
        if (roots.isEmpty()) {
            return configured;
        }
        List<String> all = new ArrayList<>(roots);
        if (clientRoots == ClientRoots.add) {
            all.addAll(0, directories);
        }
        return withRoots.computeIfAbsent(List.copyOf(all), key -> {
            if (withRoots.size() > MAX_ROOT_SETS) {
                withRoots.clear();
            }
            return PathGuard.of(key, windowsRules);
        });
    }

    private static List<String> rootDirectories(List<String> uris) {
        List<String> dirs = new ArrayList<>();
        for (String uri : uris) {
            try {
                Path path = uri.startsWith("file:") ? Path.of(URI.create(uri)) : Path.of(uri);
                if (Files.isDirectory(path)) {
                    dirs.add(path.toString());
                }
            } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                // A root that is not a local directory is not something a file adapter can serve.
            }
        }
        return dirs;
    }
}
