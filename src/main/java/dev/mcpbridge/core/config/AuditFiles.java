package dev.mcpbridge.core.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * How an audit file is named wherever one is set ({@code auditLog:}, {@code MCP_BRIDGE_AUDIT_LOG}, an adapter's
 * setting of {@code kind: auditFile}): blank or {@code none} for no file, {@code ~/} for the user's home.
 */
public final class AuditFiles {

    private AuditFiles() {
    }

    /** The file, or null for none. */
    public static Path path(String value) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("none")) {
            return null;
        }
        String v = value.strip();
        return Path.of(dev.mcpbridge.core.spi.HomePaths.expand(v)).toAbsolutePath().normalize();
    }

    /** What is wrong with the value as an audit file, or null when it can be written (or is none). */
    static String problem(String value) {
        Path file;
        try {
            file = path(value);
        } catch (InvalidPathException e) {
            return "'" + value + "' is not a path (" + e.getReason() + ")";
        }
        if (file == null) {
            return null;
        }
        if (Files.isDirectory(file)) {
            return "'" + value + "' is a directory; give the file to append to (it is created if missing)";
        }
        Path dir = file.getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir) && !Files.exists(file)) {
            return "cannot create '" + value + "' (its folder cannot be written by this user); give a writable file, "
                    + "or none";
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            return "'" + value + "' cannot be written by this user; give a writable file, or none";
        }
        return null;
    }
}
