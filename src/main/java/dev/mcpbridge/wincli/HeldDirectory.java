package dev.mcpbridge.wincli;

import dev.mcpbridge.core.spi.ToolException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identity (device and inode) of a checked working directory, taken from a directory handle opened component by
 * component from the file system root without following any link — not from the path, which a concurrent rename can
 * make point elsewhere between the check and the use. The command's first act is to compare its actual working
 * directory with this identity, and it runs only if they are the same directory (see {@link Containment}).
 */
record HeldDirectory(Path path, String identity) {

    private static final Pattern UNIX_KEY = Pattern.compile("\\(dev=([0-9a-fA-F]+),ino=([0-9]+)\\)");

    /**
     * Opens the checked real path again, by handle; fails if any component is now a link or missing.
     *
     * @return the directory with its identity, or with none where the platform has no secure directory streams
     *     (Windows), in which case the path as checked is all there is
     */
    static HeldDirectory of(Path real) {
        Path root = real.getRoot();
        if (root == null) {
            return new HeldDirectory(real, null);
        }
        try {
            DirectoryStream<Path> first = Files.newDirectoryStream(root);
            if (!(first instanceof SecureDirectoryStream<Path> at)) {
                first.close();
                return new HeldDirectory(real, null);
            }
            try {
                for (Path name : root.relativize(real)) {
                    SecureDirectoryStream<Path> next = at.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
                    at.close();
                    at = next;
                }
                Object key = at.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
                Matcher m = UNIX_KEY.matcher(String.valueOf(key));
                if (!m.matches()) {
                    return new HeldDirectory(real, null);
                }
                return new HeldDirectory(real, Long.parseUnsignedLong(m.group(1), 16) + ":" + m.group(2));
            } finally {
                at.close();
            }
        } catch (IOException e) {
            throw new ToolException("Working directory '" + real + "' changed while it was being checked (a "
                    + "component was replaced by a link or removed); nothing was run");
        }
    }
}
