package dev.mcpbridge.filesystem;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Glob patterns as users of the official server write them (minimatch with dot:true): matched against the path
 * relative to the search root with '/' separators, where a leading {@code **}/ also matches at the top level.
 */
final class Globs {

    private final List<PathMatcher> matchers = new ArrayList<>();

    private Globs(List<String> patterns) {
        for (String pattern : patterns) {
            String p = pattern.replace('\\', '/');
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + p));
            while (p.startsWith("**/")) {
                p = p.substring(3);
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + p));
            }
        }
    }

    static Globs of(List<String> patterns) {
        return new Globs(patterns == null ? List.of() : patterns);
    }

    boolean isEmpty() {
        return matchers.isEmpty();
    }

    boolean matches(Path relative) {
        for (PathMatcher m : matchers) {
            if (m.matches(relative)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The official server's exclusion rule for directory_tree: a pattern without '*' also excludes that name at
     * any depth and everything below it.
     */
    static Globs exclusions(List<String> patterns) {
        List<String> expanded = new ArrayList<>();
        for (String pattern : patterns == null ? List.<String>of() : patterns) {
            expanded.add(pattern);
            if (!pattern.contains("*")) {
                expanded.add("**/" + pattern);
                expanded.add("**/" + pattern + "/**");
                expanded.add(pattern + "/**");
            }
        }
        return new Globs(expanded);
    }
}
