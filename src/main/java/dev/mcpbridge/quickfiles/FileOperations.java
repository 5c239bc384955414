package dev.mcpbridge.quickfiles;

import com.google.re2j.Matcher;
import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.files.FileBytes;
import dev.mcpbridge.lib.files.FileWalk;
import dev.mcpbridge.lib.files.Globs;
import dev.mcpbridge.lib.files.GuardedFiles;
import dev.mcpbridge.lib.files.HeldFiles;
import dev.mcpbridge.lib.files.PathGuard;
import dev.mcpbridge.lib.files.PathGuard.Intent;
import dev.mcpbridge.lib.files.SearchPattern;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * delete_files, copy_files and move_files. Each file is its own item with its own result; a failing item leaves
 * the others done and itself untouched. A copy lands in a temporary file next to its destination and is renamed
 * into place, so a destination is never half-written; a move is a rename, or across file systems a copy then a
 * delete of the source. Links are moved, copied and deleted as links, never followed.
 */
final class FileOperations {

    enum Conflict { overwrite, ignore, rename }

    /** A file name has at most 255 bytes on common file systems; a transform may not build a longer one. */
    private static final int MAX_NAME_CHARS = 1024;

    /** One copy or move: a file, a directory, or a glob in the source's last name. */
    record Operation(String source, String destination, String transformPattern, String transformReplacement,
            String conflictStrategy) {
    }

    /** One file's outcome. */
    private record Item(String source, String destination, boolean ok, String message) {
    }

    private record OperationResult(Operation operation, List<Item> items, String error) {
    }

    record Report(String text, boolean allFailed) {
    }

    private FileOperations() {
    }

    static Report delete(List<String> paths, PathGuard guard) {
        if (paths == null || paths.isEmpty()) {
            throw new ToolException("paths must list at least one file");
        }
        StringBuilder out = new StringBuilder("## File deletion report\n\n");
        int failed = 0;
        for (String shown : paths) {
            try {
                Path entry = guard.resolve(shown, Intent.ENTRY);
                if (guard.roots().contains(entry)) {
                    throw new ToolException("'" + shown + "' is an allowed directory; it is not deleted");
                }
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    throw new ToolException("'" + shown + "' is a directory; delete_files removes files");
                }
                GuardedFiles.deleteFile(guard, entry);
                out.append("Deleted file: ").append(shown).append('\n');
            } catch (ToolException e) {
                failed++;
                out.append("Deletion failed: ").append(shown).append(": ").append(e.getMessage()).append('\n');
            } catch (IOException e) {
                failed++;
                out.append("Deletion failed: ").append(shown).append(": ").append(reason(e)).append('\n');
            }
        }
        return new Report(out.toString(), failed == paths.size());
    }

    static Report transfer(List<Operation> operations, boolean move, PathGuard guard) {
        if (operations == null || operations.isEmpty()) {
            throw new ToolException("operations must list at least one {source, destination}");
        }
        List<OperationResult> results = new ArrayList<>();
        for (Operation op : operations) {
            try {
                results.add(new OperationResult(op, transferOne(op, move, guard), null));
            } catch (ToolException e) {
                results.add(new OperationResult(op, List.of(), e.getMessage()));
            }
        }
        return format(results, move);
    }

    private static List<Item> transferOne(Operation op, boolean move, PathGuard guard) {
        if (op.source() == null || op.source().isBlank() || op.destination() == null || op.destination().isBlank()) {
            throw new ToolException("each operation needs a source and a destination");
        }
        Conflict conflict = conflict(op.conflictStrategy());
        SearchPattern transform = transform(op);
        List<Path> sources = sources(op.source(), move, guard);
        Path destination = guard.resolve(op.destination(), Intent.CREATE);
        boolean intoDirectory = Files.isDirectory(destination) || op.destination().endsWith("/")
                || op.destination().endsWith("\\") || sources.size() > 1 || isGlob(op.source());
        if (intoDirectory && !Files.isDirectory(destination)) {
            try {
                GuardedFiles.createDirectories(guard, destination);
            } catch (IOException e) {
                throw new ToolException("destination '" + op.destination() + "' cannot be created as a directory ("
                        + reason(e) + ")");
            }
        }
        List<Item> items = new ArrayList<>();
        for (Path source : sources) {
            String name = source.getFileName().toString();
            if (transform != null) {
                Matcher m = transform.matcher(name, null);
                if (m.find()) {
                    name = TextReplace.replaceOne(name, m, JsReplacement.parse(op.transformReplacement(), transform),
                            MAX_NAME_CHARS);
                }
            }
            Path target = intoDirectory ? destination.resolve(name) : destination;
            String shownTarget = intoDirectory ? FileWalk.join(op.destination(), Path.of(name)) : op.destination();
            String shownSource = sources.size() == 1 && !isGlob(op.source()) ? op.source()
                    : FileWalk.join(parentShown(op.source()), Path.of(source.getFileName().toString()));
            items.add(transferFile(source, target, shownSource, shownTarget, conflict, move, guard));
        }
        return items;
    }

    private static Item transferFile(Path source, Path target, String shownSource, String shownTarget,
            Conflict conflict, boolean move, PathGuard guard) {
        try {
            if (!guard.contains(target.getParent().toRealPath())) {
                throw new ToolException("access denied: '" + shownTarget + "' is outside the allowed directories");
            }
            if (target.equals(source)) {
                throw new ToolException("source and destination are the same file");
            }
            if (target.startsWith(source)) {
                throw new ToolException("a directory cannot be " + (move ? "moved" : "copied") + " into itself");
            }
            boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
            if (exists && conflict == Conflict.ignore) {
                return new Item(shownSource, shownTarget, true, "skipped: destination exists");
            }
            if (exists && Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) && conflict == Conflict.overwrite) {
                throw new ToolException("destination is a directory; it is not overwritten");
            }
            String verb = move ? "moved" : "copied";
            if (exists && conflict == Conflict.rename) {
                Placed placed = placeUnderFreeName(source, target, move, guard);
                String shownPlaced = shownTarget.substring(0, shownTarget.length()
                        - target.getFileName().toString().length()) + placed.path().getFileName();
                return new Item(shownSource, shownPlaced, true, "file " + verb + " under a new name, the "
                        + "destination existed" + leftOut(placed.linksLeftOut()));
            }
            int linksLeftOut = place(source, target, move, exists, guard);
            return new Item(shownSource, shownTarget, true, (exists ? "file " + verb + ", destination overwritten"
                    : "file " + verb) + leftOut(linksLeftOut));
        } catch (ToolException e) {
            return new Item(shownSource, shownTarget, false, e.getMessage());
        } catch (IOException e) {
            return new Item(shownSource, shownTarget, false, reason(e));
        }
    }

    /**
     * Puts source at target, replacing it when {@code replace}, through held directory handles (see
     * {@link GuardedFiles}). A move is a rename (across file systems a copy, then a delete); a copy is staged next
     * to the target and renamed into place, so the target is either the old file or the whole new one.
     *
     * @return links inside a copied directory that were left out
     */
    private static int place(Path source, Path target, boolean move, boolean replace, PathGuard guard)
            throws IOException {
        if (move) {
            GuardedFiles.move(guard, source, target, replace);
            return 0;
        }
        return GuardedFiles.copy(guard, source, target, replace).linksLeftOut();
    }

    /** "name_1.ext", "name_2.ext", ... : the first free one, claimed without ever replacing a file. */
    /** Where a file was placed, and the links of a copied directory that were left out. */
    private record Placed(Path path, int linksLeftOut) {
    }

    private static String leftOut(int links) {
        return links == 0 ? "" : "; " + links + " symbolic link(s) inside were not copied (a link's target cannot "
                + "be read safely by handle)";
    }

    private static Placed placeUnderFreeName(Path source, Path target, boolean move, PathGuard guard)
            throws IOException {
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int i = 1; i < 10_000; i++) {
            Path candidate = target.resolveSibling(base + "_" + i + ext);
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                return new Placed(candidate, place(source, candidate, move, false, guard));
            } catch (FileAlreadyExistsException e) {
                // Taken in the meantime: try the next name.
            }
        }
        throw new ToolException("no free name found next to '" + name + "'");
    }

    /** A move takes a link as the entry it is; a copy reads through it, so its target must be inside. */
    private static List<Path> sources(String shown, boolean move, PathGuard guard) {
        if (!isGlob(shown)) {
            return List.of(guard.resolve(shown, move ? Intent.ENTRY : Intent.EXISTING));
        }
        String parent = parentShown(shown);
        String glob = shown.substring(parent.length()).replaceFirst("^[/\\\\]", "");
        if (isGlob(parent)) {
            throw new ToolException("'" + shown + "': a wildcard is allowed only in the last name");
        }
        Path dir = guard.resolve(parent.isEmpty() ? "." : parent, Intent.EXISTING);
        Globs matcher = Globs.parse("source '" + shown + "':", glob);
        List<Path> found = new ArrayList<>();
        try {
            GuardedFiles.walk(guard, dir, 1, (rel, attrs) -> {
                if (attrs.isRegularFile() && matcher.matches(rel)) {
                    found.add(dir.resolve(rel));
                }
                return false;
            });
        } catch (IOException e) {
            throw new ToolException("'" + parent + "' cannot be listed (" + reason(e) + ")");
        }
        if (found.isEmpty()) {
            throw new ToolException("no file matches '" + shown + "'");
        }
        found.sort(null);
        return found;
    }

    private static boolean isGlob(String path) {
        return path.indexOf('*') >= 0 || path.indexOf('?') >= 0 || path.indexOf('[') >= 0 || path.indexOf('{') >= 0;
    }

    private static String parentShown(String shown) {
        int slash = Math.max(shown.lastIndexOf('/'), shown.lastIndexOf('\\'));
        return slash < 0 ? "" : shown.substring(0, slash);
    }

    private static Conflict conflict(String strategy) {
        if (strategy == null || strategy.isBlank()) {
            return Conflict.overwrite;
        }
        try {
            return Conflict.valueOf(strategy.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ToolException("conflict_strategy must be overwrite, ignore or rename, not '" + strategy + "'");
        }
    }

    private static SearchPattern transform(Operation op) {
        if (op.transformPattern() == null) {
            return null;
        }
        if (op.transformReplacement() == null) {
            throw new ToolException("transform needs a pattern and a replacement");
        }
        return SearchPattern.compile(op.transformPattern(), true, true, "transform pattern");
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "destination exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        if (e instanceof HeldFiles.Replaced) {
            return FileBytes.reason(e);
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }

    private static Report format(List<OperationResult> results, boolean move) {
        StringBuilder out = new StringBuilder("## Operation: ").append(move ? "move" : "copy").append('\n');
        int total = 0;
        int ok = 0;
        for (OperationResult r : results) {
            out.append("### Source: ").append(r.operation().source()).append(" -> Destination: ")
                    .append(r.operation().destination()).append('\n');
            if (r.error() != null) {
                out.append("- ✗ Error: ").append(r.error()).append('\n');
                total++;
                continue;
            }
            for (Item item : r.items()) {
                total++;
                if (item.ok()) {
                    ok++;
                    out.append("- ✓ ").append(item.source()).append(" -> ").append(item.destination()).append(" (")
                            .append(item.message()).append(")\n");
                } else {
                    out.append("- ✗ ").append(item.source()).append(" -> ").append(item.destination())
                            .append(" (Error: ").append(item.message()).append(")\n");
                }
            }
        }
        out.append("\n### Summary\n- Total files processed: ").append(total).append("\n- Succeeded: ").append(ok)
                .append("\n- Failed: ").append(total - ok).append("\n\n").append(total).append(" file(s) processed\n");
        return new Report(out.toString(), ok == 0 && total > 0);
    }
}
