package dev.mcpbridge.lib.files;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The use of paths that {@link PathGuard#resolve} checked: read, listed, deleted, moved, copied or created by
 * handle ({@link HeldFiles}) where the platform has secure directory streams, so that a directory swapped for a
 * link after the check leads nowhere; elsewhere (Windows) by the checked path, which is what remains there (see
 * the README's security section). Callers get the same behaviour either way and never branch on the platform.
 */
public final class GuardedFiles {

    private GuardedFiles() {
    }

    /**
     * Opens a checked real file for reading; a link in its place is refused, not followed, and a special file
     * ({@link HeldFiles.NotRegular}) is refused without being opened.
     */
    public static SeekableByteChannel openRead(PathGuard guard, Path file) throws IOException {
        return openRead(guard, null, file);
    }

    /**
     * The same, the file's directory taken from (and kept in) {@code held} when given: for calls that read many
     * files.
     */
    public static SeekableByteChannel openRead(PathGuard guard, HeldDirectories held, Path file) throws IOException {
        if (!HeldFiles.supported()) {
            HeldFiles.refuseSpecial(Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS),
                    file);
            return Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        }
        HeldFiles.Entry entry = held != null ? held.open(file) : HeldFiles.open(guard, file);
        try {
            return new ClosingChannel(entry.openRead(), entry);
        } catch (IOException | RuntimeException e) {
            entry.close();
            throw e;
        }
    }

    /**
     * Lists a checked real directory down to {@code depth} levels (1: its own entries), never following or
     * stat'ing through a link; see {@link HeldFiles#walk}.
     */
    public static void walk(PathGuard guard, Path dir, int depth, HeldFiles.Visitor visitor) throws IOException {
        if (HeldFiles.supported()) {
            HeldFiles.walk(guard, dir, depth, visitor);
        } else {
            walkByPath(dir, null, depth, visitor);
        }
    }

    private static void walkByPath(Path dir, Path relative, int depth, HeldFiles.Visitor visitor) throws IOException {
        if (depth <= 0) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path child : entries) {
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    continue;
                }
                Path rel = relative == null ? child.getFileName() : relative.resolve(child.getFileName());
                if (visitor.visit(rel, a) && a.isDirectory() && depth > 1) {
                    try {
                        walkByPath(child, rel, depth - 1, visitor);
                    } catch (IOException e) {
                        // A directory that cannot be listed is skipped, as in the held walk.
                    }
                }
            }
        }
    }

    /** Deletes a checked entry that is not a directory (a link itself, never its target). */
    public static void deleteFile(PathGuard guard, Path entry) throws IOException {
        if (!HeldFiles.supported()) {
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileSystemException(entry.toString(), null, "Is a directory");
            }
            Files.delete(entry);
            return;
        }
        try (HeldFiles.Entry held = HeldFiles.open(guard, entry)) {
            held.deleteFile();
        }
    }

    /**
     * Moves a checked entry (a file, a link as the link, or a directory tree) to a checked target. Across file
     * systems it is copied, then the source removed; a tree holding links is then left in place, since a copy by
     * handle leaves links out (see {@link HeldFiles.Entry#copyTo}).
     *
     * @param replace replace a file at the target; otherwise an existing target is an error
     */
    public static void move(PathGuard guard, Path from, Path to, boolean replace) throws IOException {
        if (!HeldFiles.supported()) {
            moveByPath(from, to, replace);
            return;
        }
        try (HeldFiles.Entry source = HeldFiles.open(guard, from); HeldFiles.Entry target = HeldFiles.open(guard, to)) {
            try {
                if (replace) {
                    source.moveOver(target);
                } else {
                    source.moveTo(target);
                }
                return;
            } catch (FileSystemException e) {
                if (e instanceof FileAlreadyExistsException || e.getReason() == null
                        || !e.getReason().contains("cross-device")) {
                    throw e;
                }
            }
            HeldFiles.Copied copied = source.copyTo(target, replace);
            if (copied.linksLeftOut() > 0) {
                throw new FileSystemException(from.toString(), to.toString(), "moved across file systems as a copy "
                        + "without its " + copied.linksLeftOut() + " symbolic link(s); the source was kept");
            }
            source.delete();
        }
    }

    private static void moveByPath(Path from, Path to, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                SafeWrites.move(from, to);
            }
        } catch (AtomicMoveNotSupportedException e) {
            copyByPath(from, to, true);
            SafeWrites.deleteTree(from);
        }
    }

    /**
     * Copies a checked entry (a file, or a directory tree) to a checked target: a file is staged next to the
     * target and renamed into place, so a target is the old file or the whole new one.
     *
     * @param replace replace files and merge into directories that exist; otherwise an existing target is an
     *     error, never overwritten
     */
    public static HeldFiles.Copied copy(PathGuard guard, Path from, Path to, boolean replace) throws IOException {
        if (!HeldFiles.supported()) {
            return new HeldFiles.Copied(copyByPath(from, to, replace), 0);
        }
        try (HeldFiles.Entry source = HeldFiles.open(guard, from); HeldFiles.Entry target = HeldFiles.open(guard, to)) {
            return source.copyTo(target, replace);
        }
    }

    private static int copyByPath(Path source, Path target, boolean replace) throws IOException {
        if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !replace) {
                throw new FileAlreadyExistsException(target.toString());
            }
            return SafeWrites.copyTree(source, target, replace);
        }
        Path staged = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(System.nanoTime())
                + ".tmp");
        try {
            Files.copy(source, staged, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            if (replace) {
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                claim(staged, target);
            }
        } finally {
            Files.deleteIfExists(staged);
        }
        return 1;
    }

    /** Gives the staged file the target's name only if that name is free: a hard link fails on a taken name. */
    private static void claim(Path staged, Path target) throws IOException {
        try {
            Files.createLink(target, staged);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // No hard links on this file system: a rename without REPLACE_EXISTING refuses a taken name too.
            Files.move(staged, target);
        }
    }

    /**
     * Creates a checked real directory and its missing parents, each level made in its held parent. An existing
     * directory is fine; an existing file is an error.
     */
    public static void createDirectories(PathGuard guard, Path dir) throws IOException {
        if (!HeldFiles.supported()) {
            Files.createDirectories(dir);
            return;
        }
        Path existing = dir;
        Deque<Path> missing = new ArrayDeque<>();
        while (!guard.roots().contains(existing) && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            missing.push(existing);
            existing = existing.getParent();
        }
        if (missing.isEmpty() && !guard.roots().contains(dir)) {
            try (HeldFiles.Entry entry = HeldFiles.open(guard, dir)) {
                if (!entry.attributes().isDirectory()) {
                    throw new FileAlreadyExistsException(dir.toString());
                }
            }
        }
        for (Path level : missing) {
            try (HeldFiles.Entry entry = HeldFiles.open(guard, level)) {
                try {
                    entry.createDirectory();
                } catch (FileAlreadyExistsException e) {
                    // Made meanwhile: fine if it is a directory.
                    if (!entry.attributes().isDirectory()) {
                        throw e;
                    }
                }
            }
        }
    }

    /** A channel that also releases the held directory it was opened through. */
    private record ClosingChannel(SeekableByteChannel channel, HeldFiles.Entry entry) implements SeekableByteChannel {

        @Override
        public int read(java.nio.ByteBuffer dst) throws IOException {
            return channel.read(dst);
        }

        @Override
        public int write(java.nio.ByteBuffer src) throws IOException {
            return channel.write(src);
        }

        @Override
        public long position() throws IOException {
            return channel.position();
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            channel.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) throws IOException {
            channel.truncate(size);
            return this;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            try {
                channel.close();
            } finally {
                entry.close();
            }
        }
    }
}
