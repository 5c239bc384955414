package dev.mcpbridge.core.spi;

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

        private Entry(SecureDirectoryStream<Path> parent, Path name, Path real, Path root) {
            this.parent = parent;
            this.name = name;
            this.real = real;
            this.root = root;
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

        /** Opens the entry for reading; a link is refused, not followed. */
        public SeekableByteChannel openRead() throws IOException {
            try {
                return parent.newByteChannel(name, READ);
            } catch (FileSystemException e) {
                throw linkOrMissing(e);
            }
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
                    permissions = parent.getFileAttributeView(name, PosixFileAttributeView.class,
                            LinkOption.NOFOLLOW_LINKS).readAttributes().permissions();
                }
            } catch (NoSuchFileException | UnsupportedOperationException e) {
                permissions = null;
            }
            Path temp = name.resolveSibling("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current()
                    .nextLong(), 36) + ".tmp");
            try (SeekableByteChannel out = parent.newByteChannel(temp, CREATE_NEW,
                    PosixFilePermissions.asFileAttribute(PRIVATE))) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
            try {
                parent.getFileAttributeView(temp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setPermissions(permissions != null ? permissions
                                : PosixFilePermissions.fromString("rw-r--r--"));
                parent.move(temp, parent, name);
            } catch (IOException | RuntimeException e) {
                try {
                    parent.deleteFile(temp);
                } catch (IOException ignored) {
                    // already gone
                }
                throw e;
            }
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

        /**
         * Writes the entry as a file with this content and these permissions (null: the usual ones).
         *
         * @param replace an existing entry may be replaced; otherwise it is an error
         */
        public void createFile(byte[] content, Set<PosixFilePermission> permissions, boolean replace)
                throws IOException {
            if (!replace && exists()) {
                throw new java.nio.file.FileAlreadyExistsException(real.toString());
            }
            writeAtomically(content);
            if (permissions != null) {
                parent.getFileAttributeView(name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setPermissions(permissions);
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
            try {
                return parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
            } catch (FileSystemException e) {
                throw linkOrMissing(e);
            }
        }

        /**
         * Creates the entry as a directory. Java has no {@code mkdirat}: it is made by path, then opened through the
         * held parent without following links, which fails if the path no longer led to that parent.
         */
        public void createDirectory() throws IOException {
            if (exists()) {
                throw new java.nio.file.FileAlreadyExistsException(real.toString());
            }
            // Made under a private name in the allowed directory itself (resolved once, at start-up), then renamed
            // into the held parent relative to both handles.
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

        @Override
        public void close() throws IOException {
            parent.close();
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
        Path root = null;
        for (Path r : guard.roots()) {
            if (real.startsWith(r) && (root == null || r.getNameCount() > root.getNameCount())) {
                root = r;
            }
        }
        if (root == null || real.equals(root)) {
            throw new ToolException("access denied: '" + real + "' is not inside an allowed directory");
        }
        DirectoryStream<Path> first = Files.newDirectoryStream(root);
        if (!(first instanceof SecureDirectoryStream<Path> at)) {
            first.close();
            throw new UnsupportedOperationException("no secure directory streams on this platform");
        }
        Path relative = root.relativize(real);
        try {
            for (int k = 0; k < relative.getNameCount() - 1; k++) {
                SecureDirectoryStream<Path> next;
                try {
                    next = at.newDirectoryStream(relative.getName(k), LinkOption.NOFOLLOW_LINKS);
                } catch (FileSystemException e) {
                    throw linkOrMissing(e);
                }
                at.close();
                at = next;
            }
        } catch (IOException | RuntimeException e) {
            at.close();
            throw e;
        }
        return new Entry(at, relative.getFileName(), real, root);
    }
}
