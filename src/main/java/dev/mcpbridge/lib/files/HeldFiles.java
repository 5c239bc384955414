package dev.mcpbridge.lib.files;

import dev.mcpbridge.core.spi.ToolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The sandbox's use of a checked path, by handle: the allowed directory that contains it is opened, then each
 * component is opened relative to the one before without following links ({@link SecureDirectoryStream} with
 * {@code NOFOLLOW_LINKS}), and the last one is read, written, renamed or deleted relative to its held parent
 * directory. What was checked is what is used: a directory swapped for a link after {@link PathGuard#resolve} makes
 * the walk fail (the link is not followed) instead of leading outside.
 *
 * <p>Where the platform has no secure directory stream (Windows), {@link #supported()} is false and callers keep
 * the path-based checks; see the README's security section for what remains there. Creating a directory has no
 * handle-relative form in Java ({@code mkdirat}): it is made in the allowed directory itself and renamed into the
 * held parent.
 */
public final class HeldFiles {

    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    private static final Set<OpenOption> CREATE_NEW = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW,
            LinkOption.NOFOLLOW_LINKS);
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

    private HeldFiles() {
    }

    /** True when this platform opens directories relative to a handle (Linux, macOS). */
    public static boolean supported() {
        return Supported.VALUE;
    }

    private static final class Supported {
        static final boolean VALUE = probe();

        private static boolean probe() {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")))) {
                return s instanceof SecureDirectoryStream;
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** A held parent directory and the name of an entry in it. Close it when done. */
    public static final class Entry implements AutoCloseable {
        private final SecureDirectoryStream<Path> parent;
        private final Path name;
        private final Path real;
        private final Path root;
        /** The parent belongs to a {@link HeldDirectories} cache, which closes it. */
        private final boolean borrowed;

        Entry(SecureDirectoryStream<Path> parent, Path name, Path real, Path root, boolean borrowed) {
            this.parent = parent;
            this.name = name;
            this.real = real;
            this.root = root;
            this.borrowed = borrowed;
        }

        public Path realPath() {
            return real;
        }

        /** The entry's own attributes, not its target's when it is a link. */
        public BasicFileAttributes attributes() throws IOException {
            return parent.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        }

        public boolean exists() throws IOException {
            try {
                attributes();
                return true;
            } catch (NoSuchFileException e) {
                return false;
            }
        }

        /**
         * Opens the entry for reading; a link is refused, not followed, and a special file (FIFO, socket, device)
         * is refused before it is opened: opening a FIFO blocks until a writer comes, which may be never.
         */
        public SeekableByteChannel openRead() throws IOException {
            refuseSpecial(attributes(), real);
            return openIn(parent, name);
        }

        /**
         * Replaces the entry's content atomically: a temporary file is created in the held parent, written, given
         * the entry's permissions (or rw-r--r--), and renamed over the entry relative to the same handle.
         */
        public void writeAtomically(byte[] content) throws IOException {
            Set<PosixFilePermission> permissions = null;
            try {
                BasicFileAttributes a = attributes();
                if (a.isRegularFile()) {
                    permissions = permissions();
                }
            } catch (NoSuchFileException e) {
                permissions = null;
            }
            stage(parent, name, out -> {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }, permissions, null, true);
        }

        /** Deletes the entry when it is not a directory (a link itself, never its target). */
        public void deleteFile() throws IOException {
            parent.deleteFile(name);
        }

        /** Renames the entry to another held entry, replacing a file there (rename's own semantics). */
        public void moveOver(Entry target) throws IOException {
            parent.move(name, target.parent, target.name);
        }

        /**
         * Copies the entry (a file, or a directory and everything in it) to another held entry, each part read and
         * written relative to held directories. A file is staged in the target's directory and renamed into place
         * with its permissions and modification time, so a target is the old file or the whole new one. Links
         * inside are not copied: Java cannot read a link's target relative to a handle, and reading it by path
         * is the race this class exists to avoid; they are counted instead.
         *
         * @param overwrite replace files and merge into directories that exist; otherwise an existing target is an
         *     error
         */
        public Copied copyTo(Entry target, boolean overwrite) throws IOException {
            int[] counts = new int[2];
            copyIn(parent, name, target.parent, target.name, overwrite, target.root, counts);
            return new Copied(counts[0], counts[1]);
        }

        /** The entry's POSIX permissions, or null where there are none. */
        public Set<PosixFilePermission> permissions() throws IOException {
            try {
                return parent.getFileAttributeView(name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .readAttributes().permissions();
            } catch (UnsupportedOperationException e) {
                return null;
            }
        }

        /** Deletes the entry (a link itself, a file, or a directory and everything in it, never following links). */
        public int delete() throws IOException {
            return deleteIn(parent, name);
        }

        /** Renames the entry to another held entry, refusing to replace one that exists. */
        public void moveTo(Entry target) throws IOException {
            if (target.exists()) {
                throw new java.nio.file.FileAlreadyExistsException(target.real.toString());
            }
            parent.move(name, target.parent, target.name);
        }

        /** Opens the entry as a held directory. */
        public SecureDirectoryStream<Path> openDirectory() throws IOException {
            return openDirectoryIn(parent, name);
        }

        /** Creates the entry as a directory in the held parent. */
        public void createDirectory() throws IOException {
            if (exists()) {
                throw new java.nio.file.FileAlreadyExistsException(real.toString());
            }
            makeDirectory(root, parent, name);
        }

        @Override
        public void close() throws IOException {
            if (!borrowed) {
                parent.close();
            }
        }
    }

    /** What a copy made: the files copied, and the links found and left out. */
    public record Copied(int files, int linksLeftOut) {
    }

    /** Writes a staged file's content. */
    @FunctionalInterface
    private interface Content {
        void writeTo(SeekableByteChannel out) throws IOException;
    }

    /**
     * Writes content to a private temporary file in {@code dir}, gives it its permissions (rw-r--r-- when null)
     * and modification time, and renames it to {@code name} relative to the same handle. Without {@code replace}
     * an existing entry is an error (checked just before the rename: a file made there in between, inside the
     * sandbox, would be replaced). The temporary file never outlives a failure.
     */
    private static void stage(SecureDirectoryStream<Path> dir, Path name, Content content,
            Set<PosixFilePermission> permissions, FileTime modified, boolean replace) throws IOException {
        Path temp = name.resolveSibling("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current()
                .nextLong(), 36) + ".tmp");
        try (SeekableByteChannel out = dir.newByteChannel(temp, CREATE_NEW,
                PosixFilePermissions.asFileAttribute(PRIVATE))) {
            content.writeTo(out);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(dir, temp);
            throw e;
        }
        try {
            dir.getFileAttributeView(temp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setPermissions(permissions != null ? permissions : PosixFilePermissions.fromString("rw-r--r--"));
            if (modified != null) {
                dir.getFileAttributeView(temp, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setTimes(modified, null, null);
            }
            if (!replace && exists(dir, name)) {
                throw new java.nio.file.FileAlreadyExistsException(name.toString());
            }
            dir.move(temp, dir, name);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(dir, temp);
            throw e;
        }
    }

    private static void deleteQuietly(SecureDirectoryStream<Path> dir, Path name) {
        try {
            dir.deleteFile(name);
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static BasicFileAttributes attributes(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        return dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .readAttributes();
    }

    private static boolean exists(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        try {
            attributes(dir, name);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static Set<PosixFilePermission> permissions(SecureDirectoryStream<Path> dir, Path name)
            throws IOException {
        try {
            return dir.getFileAttributeView(name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes().permissions();
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    /** counts[0]: files copied, counts[1]: links left out. */
    private static void copyIn(SecureDirectoryStream<Path> from, Path fromName, SecureDirectoryStream<Path> to,
            Path toName, boolean overwrite, Path root, int[] counts) throws IOException {
        BasicFileAttributes a = attributes(from, fromName);
        if (a.isSymbolicLink()) {
            counts[1]++;
            return;
        }
        if (a.isRegularFile()) {
            try (SeekableByteChannel in = openIn(from, fromName)) {
                stage(to, toName, out -> transfer(in, out), permissions(from, fromName), a.lastModifiedTime(),
                        overwrite);
            }
            counts[0]++;
            return;
        }
        if (!a.isDirectory()) {
            // A device, a socket or a pipe: nothing a copy can take.
            return;
        }
        if (!exists(to, toName)) {
            makeDirectory(root, to, toName);
        } else if (!overwrite || !attributes(to, toName).isDirectory()) {
            throw new java.nio.file.FileAlreadyExistsException(toName.toString());
        }
        try (SecureDirectoryStream<Path> source = openDirectoryIn(from, fromName);
                SecureDirectoryStream<Path> target = openDirectoryIn(to, toName)) {
            for (Path child : source) {
                copyIn(source, child.getFileName(), target, child.getFileName(), overwrite, root, counts);
            }
        }
        Set<PosixFilePermission> permissions = permissions(from, fromName);
        if (permissions != null) {
            to.getFileAttributeView(toName, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setPermissions(permissions);
        }
    }

    private static void transfer(SeekableByteChannel in, SeekableByteChannel out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        while (in.read(buffer) >= 0) {
            buffer.flip();
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            buffer.clear();
        }
    }

    private static SeekableByteChannel openIn(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        try {
            return dir.newByteChannel(name, READ);
        } catch (FileSystemException e) {
            throw linkOrMissing(e);
        }
    }

    static SecureDirectoryStream<Path> openDirectoryIn(SecureDirectoryStream<Path> dir, Path name)
            throws IOException {
        try {
            return dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            throw linkOrMissing(e);
        }
    }

    /**
     * Java has no {@code mkdirat}: the directory is made under a private name in the allowed directory itself
     * (resolved once, at start-up), then renamed into the held parent relative to both handles.
     */
    private static void makeDirectory(Path root, SecureDirectoryStream<Path> parent, Path name) throws IOException {
        Path temp = Path.of(".mcp-bridge-mkdir-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
        try (DirectoryStream<Path> r = Files.newDirectoryStream(root)) {
            SecureDirectoryStream<Path> rootHandle = (SecureDirectoryStream<Path>) r;
            Files.createDirectory(root.resolve(temp));
            try {
                rootHandle.move(temp, parent, name);
            } catch (IOException | RuntimeException e) {
                rootHandle.deleteDirectory(temp);
                throw e;
            }
        }
    }

    private static int deleteIn(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        BasicFileAttributes a = dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .readAttributes();
        if (!a.isDirectory()) {
            dir.deleteFile(name);
            return 1;
        }
        int count = 0;
        try (SecureDirectoryStream<Path> child = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
            for (Path p : child) {
                count += deleteIn(child, p.getFileName());
            }
        }
        dir.deleteDirectory(name);
        return count + 1;
    }

    /**
     * Refuses a special file by its own attributes (read without opening it or following a link). Java cannot open
     * with {@code O_NONBLOCK}, so a file swapped for a FIFO between this check and the open is the one case left;
     * see docs/security.md.
     */
    static void refuseSpecial(BasicFileAttributes attributes, Path file) throws NotRegular {
        if (attributes.isOther()) {
            throw new NotRegular(file.toString());
        }
    }

    /** A FIFO, socket or device where a file was to be read: it is never opened. */
    public static final class NotRegular extends FileSystemException {
        NotRegular(String file) {
            super(file, null, "a special file (FIFO, socket or device), not a regular file; it is not opened");
        }
    }

    /** A component of a checked path was found to be a link (or no longer a directory) when it was used. */
    public static final class Replaced extends FileSystemException {
        Replaced(String file) {
            super(file, null, "a path component was replaced by a link after it was checked; refusing to follow it");
        }
    }

    private static IOException linkOrMissing(FileSystemException e) {
        String reason = String.valueOf(e.getReason());
        if (reason.contains("symbolic links") || reason.contains("Too many levels") || reason.contains("Not a directory")) {
            return new Replaced(e.getFile());
        }
        return e;
    }

    /**
     * Opens the parent of a checked real path by handle from the allowed directory containing it.
     *
     * @param real a path returned by {@link PathGuard#resolve} (real, inside one of the roots)
     */
    public static Entry open(PathGuard guard, Path real) throws IOException {
        Path root = rootOf(guard, real);
        if (root == null || real.equals(root)) {
            throw new ToolException("access denied: '" + real + "' is not inside an allowed directory");
        }
        Path relative = root.relativize(real);
        return new Entry(descend(root, relative, relative.getNameCount() - 1), relative.getFileName(), real, root,
                false);
    }

    /**
     * Opens a checked real directory (an allowed directory itself, or one inside) by handle, component by
     * component from the allowed directory without following links.
     */
    public static SecureDirectoryStream<Path> openDirectory(PathGuard guard, Path real) throws IOException {
        Path root = rootOf(guard, real);
        if (root == null) {
            throw new ToolException("access denied: '" + real + "' is not inside an allowed directory");
        }
        Path relative = root.relativize(real);
        return descend(root, relative, real.equals(root) ? 0 : relative.getNameCount());
    }

    /** What a walk is shown of each entry. */
    @FunctionalInterface
    public interface Visitor {
        /**
         * @param relative the entry's path relative to the walked directory
         * @param attributes the entry's own attributes (a link's, not its target's)
         * @return true to enter this directory (when the depth allows)
         */
        boolean visit(Path relative, BasicFileAttributes attributes) throws IOException;
    }

    /**
     * Lists a checked real directory and, down to {@code depth} levels, the directories inside it, each opened
     * relative to its held parent without following links: a directory swapped for a link during the walk is
     * skipped, never entered, and no entry is ever stat'ed through a link. Entries come in directory order; a
     * directory that cannot be opened is skipped.
     *
     * @param depth levels listed: 1 is the directory's own entries
     */
    public static void walk(PathGuard guard, Path real, int depth, Visitor visitor) throws IOException {
        try (SecureDirectoryStream<Path> dir = openDirectory(guard, real)) {
            walkIn(dir, null, depth, visitor);
        }
    }

    private static void walkIn(SecureDirectoryStream<Path> dir, Path relative, int depth, Visitor visitor)
            throws IOException {
        if (depth <= 0) {
            return;
        }
        for (Path child : dir) {
            Path name = child.getFileName();
            BasicFileAttributes a;
            try {
                a = attributes(dir, name);
            } catch (IOException e) {
                continue;
            }
            Path rel = relative == null ? name : relative.resolve(name);
            if (visitor.visit(rel, a) && a.isDirectory() && depth > 1) {
                SecureDirectoryStream<Path> sub;
                try {
                    sub = openDirectoryIn(dir, name);
                } catch (IOException e) {
                    continue;
                }
                try (sub) {
                    walkIn(sub, rel, depth - 1, visitor);
                }
            }
        }
    }

    static Path rootOf(PathGuard guard, Path real) {
        Path root = null;
        for (Path r : guard.roots()) {
            if (real.startsWith(r) && (root == null || r.getNameCount() > root.getNameCount())) {
                root = r;
            }
        }
        return root;
    }

    /** The allowed directory opened, then the first {@code levels} names of {@code relative} below it. */
    static SecureDirectoryStream<Path> descend(Path root, Path relative, int levels) throws IOException {
        DirectoryStream<Path> first = Files.newDirectoryStream(root);
        if (!(first instanceof SecureDirectoryStream<Path> at)) {
            first.close();
            throw new UnsupportedOperationException("no secure directory streams on this platform");
        }
        try {
            for (int k = 0; k < levels; k++) {
                SecureDirectoryStream<Path> next = openDirectoryIn(at, relative.getName(k));
                at.close();
                at = next;
            }
        } catch (IOException | RuntimeException e) {
            at.close();
            throw e;
        }
        return at;
    }
}
