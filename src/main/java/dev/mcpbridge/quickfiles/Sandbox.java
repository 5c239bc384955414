package dev.mcpbridge.quickfiles;

import dev.mcpbridge.core.spi.PathGuard;
import dev.mcpbridge.core.spi.SettingsException;
import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.core.spi.ToolCallContext;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The allowed directories for one call, with the filesystem adapter's rules: the configured directories, and the
 * client's MCP roots added to them, put in their place, or ignored. Every path is then checked by the shared
 * {@link PathGuard}, the same sandbox the filesystem adapter uses.
 */
final class Sandbox {

    private final List<String> directories;
    private final QuickFilesSettings.Roots rootsMode;
    private final boolean windowsRules;
    private final PathGuard configured;
    private final Map<List<String>, PathGuard> withRoots = new ConcurrentHashMap<>();

    /** Checks the directories now, so that a bad one stops start-up with its name. */
    Sandbox(List<String> directories, QuickFilesSettings.Roots rootsMode, boolean windowsRules) {
        this.directories = List.copyOf(directories);
        this.rootsMode = rootsMode;
        this.windowsRules = windowsRules;
        if (directories.isEmpty() && rootsMode == QuickFilesSettings.Roots.ignore) {
            throw new SettingsException("directories", "the quickfiles adapter has no directory to serve: give "
                    + "directories as arguments or set quickfiles.directories");
        }
        try {
            this.configured = PathGuard.of(this.directories, windowsRules);
        } catch (ToolException e) {
            throw new SettingsException("directories", e.getMessage());
        }
    }

    /** One directory per line: a directory name may hold the path separator, so nothing else separates them. */
    static List<String> lines(String directories) {
        List<String> dirs = new ArrayList<>();
        for (String line : directories.split("\n")) {
            if (!line.isBlank()) {
                dirs.add(line.strip());
            }
        }
        return dirs;
    }

    PathGuard guard(ToolCallContext ctx) {
        List<String> roots = rootsMode == QuickFilesSettings.Roots.ignore || ctx == null ? List.of() : rootDirectories(ctx.roots());
        if (roots.isEmpty()) {
            return configured;
        }
        List<String> all = new ArrayList<>(roots);
        if (rootsMode == QuickFilesSettings.Roots.add) {
            all.addAll(0, directories);
        }
        return withRoots.computeIfAbsent(List.copyOf(all), key -> {
            if (withRoots.size() > 64) {
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
                // A root that is not a local directory is not something this adapter can serve.
            }
        }
        return dirs;
    }
}
