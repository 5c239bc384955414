package dev.mcpbridge.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A record of everything under a directory outside the sandbox (every entry, not following links: files with their
 * content digest and modification time, links with their target, directories by name), so that a test can prove
 * that nothing there was read through, written, created or removed.
 */
final class Witness {

    private final Path base;
    private final Set<String> skipped;
    private final Map<String, String> before;

    /**
     * @param base the directory to watch
     * @param skipped names directly under base not to watch (the sandbox itself)
     */
    Witness(Path base, Set<String> skipped) {
        this.base = base;
        this.skipped = skipped;
        this.before = record();
    }

    static Witness of(Path base, String... skipped) {
        return new Witness(base, Set.of(skipped));
    }

    void assertUnchanged() {
        Map<String, String> after = record();
        assertThat(after).as("everything outside the sandbox below %s is untouched", base).isEqualTo(before);
    }

    private Map<String, String> record() {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> all = Files.walk(base)) {
            all.filter(p -> !p.equals(base))
                    .filter(p -> !skipped.contains(base.relativize(p).getName(0).toString()))
                    .forEach(p -> state.put(base.relativize(p).toString(), describe(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return state;
    }

    private static String describe(Path p) {
        try {
            if (Files.isSymbolicLink(p)) {
                return "link -> " + Files.readSymbolicLink(p);
            }
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                return "dir";
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
            return "file " + HexFormat.of().formatHex(digest) + " mtime "
                    + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis() + " perms "
                    + java.nio.file.attribute.PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
