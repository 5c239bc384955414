package dev.mcpbridge.lib.files;

import dev.mcpbridge.core.spi.ToolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Writes that never leave a half-written file and never write through a link: content goes to a temporary file in
 * the target's own directory, which is then renamed over the target in one atomic step (a rename replaces a link
 * that was swapped in, it does not follow it).
 */
public final class SafeWrites {

    private SafeWrites() {
    }

    /**
     * @param guard checked once more on the temporary file's real location, in case a parent directory was
     *     replaced by a link after the path was validated
     */
    public static void write(Path target, String content, PathGuard guard, String shownAs) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8), guard, shownAs);
    }

    /** The same for bytes, for callers that keep a file's own encoding. */
    public static void write(Path target, byte[] content, PathGuard guard, String shownAs) throws IOException {
        write(target, content, guard, null, shownAs);
    }

    /** The same, the target's directory taken from (and kept in) {@code held} when given. */
    public static void write(Path target, byte[] content, PathGuard guard, HeldDirectories held, String shownAs)
            throws IOException {
        if (HeldFiles.supported()) {
            // By handle: the temporary file is created and renamed relative to the held parent directory, so a
            // parent swapped for a link after the check cannot take the write elsewhere.
            try (HeldFiles.Entry entry = held != null ? held.open(target) : HeldFiles.open(guard, target)) {
                entry.writeAtomically(content);
            } catch (HeldFiles.Replaced e) {
                throw new ToolException("access denied: '" + shownAs + "' moved outside the allowed directories (a "
                        + "directory on its path was replaced by a link after the check)");
            }
            return;
        }
        Path dir = target.getParent();
        Set<PosixFilePermission> permissions = existingPermissions(target);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            if (!guard.contains(temp.toRealPath())) {
                throw new ToolException("access denied: '" + shownAs + "' moved outside the allowed directories");
            }
            Files.write(temp, content, StandardOpenOption.TRUNCATE_EXISTING);
            // A new file gets the usual rw-r--r--, not the temp file's private rw-------.
            setPermissions(temp, permissions != null ? permissions : DEFAULT_FILE);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static final Set<PosixFilePermission> DEFAULT_FILE = java.nio.file.attribute.PosixFilePermissions
            .fromString("rw-r--r--");

    private static void setPermissions(Path file, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(file, permissions);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): its default ACLs apply.
        }
    }

    private static Set<PosixFilePermission> existingPermissions(Path target) {
        try {
            return Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
                    ? Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS) : null;
        } catch (UnsupportedOperationException | IOException e) {
            return null;
        }
    }

    /** Moves a file or a directory tree; across file systems a tree is copied, then the source removed. */
    public static void move(Path source, Path target) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | DirectoryNotEmptyException e) {
            copyTree(source, target, false);
            deleteTree(source);
        }
    }

    /** Copies a file or a tree without following links; an existing target is an error unless overwrite is set. */
    public static int copyTree(Path source, Path target, boolean overwrite) throws IOException {
        int[] count = {0};
        StandardCopyOption[] options = overwrite
                ? new StandardCopyOption[] {StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING}
                : new StandardCopyOption[] {StandardCopyOption.COPY_ATTRIBUTES};
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            Files.copy(source, target, append(options, LinkOption.NOFOLLOW_LINKS));
            return 1;
        }
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path to = target.resolve(source.relativize(dir).toString());
                if (!Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(to);
                } else if (!overwrite && dir.equals(source)) {
                    throw new FileAlreadyExistsException(target.toString());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()),
                        append(options, LinkOption.NOFOLLOW_LINKS));
                count[0]++;
                return FileVisitResult.CONTINUE;
            }
        });
        return count[0];
    }

    private static java.nio.file.CopyOption[] append(StandardCopyOption[] options, LinkOption extra) {
        java.nio.file.CopyOption[] all = new java.nio.file.CopyOption[options.length + 1];
        System.arraycopy(options, 0, all, 0, options.length);
        all[options.length] = extra;
        return all;
    }

    /** Deletes a tree without following links (a link is removed, never its target). */
    public static int deleteTree(Path root) throws IOException {
        int[] count = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                count[0]++;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                count[0]++;
                return FileVisitResult.CONTINUE;
            }
        });
        return count[0];
    }
}
