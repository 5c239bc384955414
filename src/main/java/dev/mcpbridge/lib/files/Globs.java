package dev.mcpbridge.lib.files;

import dev.mcpbridge.core.spi.ToolException;
import com.google.re2j.Pattern;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Glob patterns as users of the file servers write them (minimatch with dot:true): matched against the path
 * relative to the search root with '/' separators, where a {@code **}/ also matches zero directories. Compiled by
 * {@link GlobRegex} for RE2/J: matching takes time linear in the path, whatever the glob.
 */
public final class Globs {

    /** No pattern: matches nothing. */
    public static final Globs NONE = new Globs(List.of());

    private final List<Pattern> matchers = new ArrayList<>();

    private Globs(List<String> patterns) {
        for (String pattern : patterns) {
            for (String variant : zeroDirectoryVariants(pattern.replace('\\', '/'))) {
                matchers.add(GlobRegex.compile(variant));
            }
        }
    }

    /**
     * Java's {@code **} needs at least one directory where minimatch's matches zero: {@code a/**}{@code /b} must also
     * match {@code a/b}, and a leading {@code **}{@code /} a top-level name. So each {@code **}{@code /} is also tried
     * collapsed.
     */
    static List<String> zeroDirectoryVariants(String pattern) {
        List<String> variants = new ArrayList<>();
        variants.add(pattern);
        int at = pattern.indexOf("**/");
        if (at >= 0 && (at == 0 || pattern.charAt(at - 1) == '/')) {
            for (String rest : zeroDirectoryVariants(pattern.substring(at + 3))) {
                variants.add(pattern.substring(0, at) + rest);
                if (!rest.equals(pattern.substring(at + 3))) {
                    variants.add(pattern.substring(0, at + 3) + rest);
                }
            }
        }
        return variants.stream().distinct().toList();
    }

    public static Globs of(List<String> patterns) {
        return new Globs(patterns == null ? List.of() : patterns);
    }

    /**
     * One glob the model gave in the argument {@code argument}; no pattern (matching nothing, {@link #isEmpty}) when
     * it is blank.
     */
    public static Globs parse(String argument, String glob) {
        if (glob == null || glob.isBlank()) {
            return NONE;
        }
        try {
            return of(List.of(glob.strip()));
        } catch (IllegalArgumentException e) {
            throw new ToolException(argument + " '" + glob + "' is not a valid glob: " + e.getMessage());
        }
    }

    public boolean isEmpty() {
        return matchers.isEmpty();
    }

    public boolean matches(Path relative) {
        String path = File.separatorChar == '/' ? relative.toString()
                : relative.toString().replace(File.separatorChar, '/');
        for (Pattern m : matchers) {
            if (m.matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The rule for picking files: a glob may name the relative path or the bare file name. */
    public boolean matchesPathOrName(Path relative) {
        return matches(relative) || (relative.getFileName() != null && matches(relative.getFileName()));
    }

    /**
     * The official server's exclusion rule for directory_tree: a pattern without '*' also excludes that name at
     * any depth and everything below it.
     */
    public static Globs exclusions(List<String> patterns) {
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
