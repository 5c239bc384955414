package dev.mcpbridge.lib.files;

import dev.mcpbridge.core.spi.HomePaths;
import dev.mcpbridge.core.spi.ToolException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The sandbox: every path a tool touches goes through {@link #resolve}. Containment is decided by path components
 * (never by string prefix), on the real path after symlinks are resolved; a path that does not exist yet is judged
 * by the real path of its nearest existing ancestor. Error messages name the path as the user gave it.
 */
public final class PathGuard {

    /** What the caller is about to do with the path. */
    public enum Intent {
        /** The path must exist. */
        EXISTING,
        /** The path may not exist yet; its nearest existing ancestor must be inside the sandbox. */
        CREATE,
        /**
         * The entry itself, which must exist, without following it if it is a link: its real parent plus its name.
         * For operations on the entry (delete, move), which must act on a link rather than on its target.
         */
        ENTRY
    }

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:([\\\\/].*)?$");

    /** The real allowed directories: what every real path is checked against. */
    private final List<Path> roots;
    /** The allowed directories as given too (an allowed directory may itself be a symlink), for the first check. */
    private final List<Path> givenRoots;
    private final boolean windowsRules;

    private PathGuard(List<Path> roots, List<Path> givenRoots, boolean windowsRules) {
        this.roots = List.copyOf(roots);
        this.givenRoots = List.copyOf(givenRoots);
        this.windowsRules = windowsRules;
    }

    /**
     * @param directories the allowed directories; each must exist and be a directory
     * @param windowsRules refuse Windows-only forms (alternate data streams, device and UNC paths); on by default
     *     on Windows, and tests switch it on to exercise the same code on Linux
     */
    public static PathGuard of(List<String> directories, boolean windowsRules) {
        List<Path> real = new ArrayList<>();
        List<Path> given = new ArrayList<>();
        for (String directory : directories) {
            Path path = Path.of(HomePaths.expand(directory)).toAbsolutePath().normalize();
            try {
                Path resolved = path.toRealPath();
                if (!Files.isDirectory(resolved)) {
                    throw new ToolException("allowed directory '" + directory + "' is not a directory");
                }
                if (!real.contains(resolved)) {
                    real.add(resolved);
                }
                if (!given.contains(path)) {
                    given.add(path);
                }
            } catch (IOException e) {
                throw new ToolException("allowed directory '" + directory + "' does not exist or cannot be read");
            }
        }
        return new PathGuard(real, given, windowsRules);
    }

    public static boolean windowsHost() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** The real allowed directories. */
    public List<Path> roots() {
        return roots;
    }

    public Path resolve(String requested, Intent intent) {
        if (roots.isEmpty()) {
            throw new ToolException("no directory is allowed: give directories on the command line, in the "
                    + "configuration, or through the client's roots");
        }
        Path candidate = lexical(requested);
        if (!inside(candidate) && !insideGiven(candidate)) {
            throw denied(requested);
        }
        if (intent == Intent.ENTRY) {
            return entry(requested, candidate);
        }
        try {
            Path real = candidate.toRealPath();
            if (!inside(real)) {
                throw denied(requested);
            }
            return real;
        } catch (NoSuchFileException e) {
            Path equivalent = unicodeEquivalent(candidate);
            if (equivalent != null) {
                return resolve(equivalent.toString(), intent);
            }
            if (Files.isSymbolicLink(candidate)) {
                // A dangling link: writing through it would create its target, wherever that is.
                throw new ToolException("'" + requested + "' is a symbolic link to nothing; refusing to follow it");
            }
            if (intent == Intent.EXISTING) {
                throw new ToolException("'" + requested + "' does not exist");
            }
            return realOfNew(requested, candidate);
        } catch (IOException e) {
            throw inaccessible(requested, e);
        }
    }

    private Path entry(String requested, Path candidate) {
        Path parent = candidate.getParent();
        if (parent == null || candidate.getFileName() == null) {
            throw denied(requested);
        }
        try {
            Path real = parent.toRealPath().resolve(candidate.getFileName().toString());
            if (!inside(real) && !roots.contains(real)) {
                throw denied(requested);
            }
            if (!Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
                throw new ToolException("'" + requested + "' does not exist");
            }
            return real;
        } catch (NoSuchFileException e) {
            throw new ToolException("'" + requested + "' does not exist");
        } catch (IOException e) {
            throw inaccessible(requested, e);
        }
    }

    /**
     * The same path with each missing name replaced by the one entry of its directory that is the same text in
     * another Unicode normal form (macOS stores NFD, most clients send NFC), or null when there is none. Two
     * equivalent entries are ambiguous and an error.
     */
    private Path unicodeEquivalent(Path candidate) {
        Path existing = candidate;
        List<String> missing = new ArrayList<>();
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            if (existing.getFileName() == null) {
                return null;
            }
            missing.add(0, existing.getFileName().toString());
            existing = existing.getParent();
        }
        if (existing == null || missing.isEmpty()) {
            return null;
        }
        Path current = existing;
        boolean changed = false;
        for (String name : missing) {
            String wanted = Normalizer.normalize(name, Normalizer.Form.NFC);
            Path match = null;
            if (Files.isDirectory(current)) {
                try (var entries = Files.newDirectoryStream(current)) {
                    for (Path entry : entries) {
                        if (Normalizer.normalize(entry.getFileName().toString(), Normalizer.Form.NFC).equals(wanted)) {
                            if (match != null) {
                                throw new ToolException("'" + name + "' is ambiguous: several names are the same text "
                                        + "in different Unicode forms");
                            }
                            match = entry;
                        }
                    }
                } catch (IOException e) {
                    return null;
                }
            }
            if (match == null) {
                return changed ? current.resolve(String.join("/", missing.subList(missing.indexOf(name), missing.size())))
                        : null;
            }
            changed |= !match.getFileName().toString().equals(name);
            current = match;
        }
        return changed ? current : null;
    }

    /** True when a path found during a walk (not followed through links) is still inside the sandbox. */
    public boolean contains(Path realPath) {
        return inside(realPath);
    }

    private Path realOfNew(String requested, Path candidate) {
        Path existing = candidate.getParent();
        List<Path> missing = new ArrayList<>();
        missing.add(candidate.getFileName());
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            missing.add(0, existing.getFileName());
            existing = existing.getParent();
        }
        if (existing == null) {
            throw denied(requested);
        }
        try {
            Path real = existing.toRealPath();
            if (!inside(real) || !Files.isDirectory(real)) {
                throw Files.isDirectory(real) ? denied(requested)
                        : new ToolException("'" + requested + "': a parent is not a directory");
            }
            for (Path part : missing) {
                real = real.resolve(part.toString());
            }
            return real;
        } catch (NoSuchFileException e) {
            throw new ToolException("'" + requested + "': a parent is a symbolic link to nothing");
        } catch (IOException e) {
            throw inaccessible(requested, e);
        }
    }

    /** The absolute, normalised path the user meant, refusing forms that are never safe. */
    private Path lexical(String requested) {
        if (requested == null || requested.isBlank()) {
            throw new ToolException("a path is required");
        }
        if (requested.indexOf('\0') >= 0) {
            throw new ToolException("the path contains a NUL character");
        }
        // Taken as given: a name may begin or end with a space.
        String text = HomePaths.expand(requested);
        if (windowsRules) {
            text = windowsForm(requested, text);
        }
        if (DRIVE.matcher(text).matches() && !windowsHost()) {
            // On a POSIX host "C:\x" would otherwise be a relative path named "C:".
            throw new ToolException("'" + requested + "' is a Windows path; this machine uses / paths");
        }
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            throw new ToolException("'" + requested + "' is not a valid path");
        }
        if (path.isAbsolute()) {
            return path.normalize();
        }
        // Relative paths are taken inside an allowed directory: the first where it exists, else the first.
        for (Path root : roots) {
            Path inRoot = root.resolve(path).normalize();
            if (Files.exists(inRoot, LinkOption.NOFOLLOW_LINKS)) {
                return inRoot;
            }
        }
        return roots.get(0).resolve(path).normalize();
    }

    /**
     * Windows-only forms: device and verbatim prefixes and UNC shares are refused, a ':' beyond the drive letter
     * (an NTFS alternate data stream, {@code file.txt:secret}) is refused, separators and the drive letter's case
     * are normalised.
     */
    private static String windowsForm(String requested, String text) {
        String t = text.replace('\\', '/');
        if (t.startsWith("//?/") || t.startsWith("//./") || t.startsWith("//")) {
            throw new ToolException("'" + requested + "' is a device, verbatim or network (UNC) path; these are refused");
        }
        String rest = t;
        if (t.length() >= 2 && Character.isLetter(t.charAt(0)) && t.charAt(1) == ':') {
            rest = t.substring(2);
            t = Character.toUpperCase(t.charAt(0)) + ":" + rest;
        }
        if (rest.indexOf(':') >= 0) {
            throw new ToolException("'" + requested + "' names an alternate data stream (':' in a name); refused");
        }
        for (String part : rest.split("/")) {
            String lower = part.toLowerCase(Locale.ROOT).replaceAll("[. ]+$", "");
            String base = lower.contains(".") ? lower.substring(0, lower.indexOf('.')) : lower;
            if (base.matches("con|prn|aux|nul|com[0-9]|lpt[0-9]")) {
                throw new ToolException("'" + requested + "' names a Windows device (" + part + "); refused");
            }
        }
        return t;
    }

    private boolean insideGiven(Path path) {
        for (Path root : givenRoots) {
            if (path.startsWith(root)) {
                return true;
            }
        }
        return false;
    }

    private boolean inside(Path path) {
        for (Path root : roots) {
            if (path.startsWith(root)) {
                return true;
            }
        }
        return false;
    }

    private static ToolException inaccessible(String requested, IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null && f.getReason().contains("Not a directory")) {
            return new ToolException("'" + requested + "': a parent is not a directory");
        }
        return new ToolException("'" + requested + "' cannot be accessed (" + e.getClass().getSimpleName() + ")");
    }

    private static ToolException denied(String requested) {
        return new ToolException("access denied: '" + requested + "' is outside the allowed directories");
    }


}
