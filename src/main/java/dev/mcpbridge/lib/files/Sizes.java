package dev.mcpbridge.lib.files;

import java.util.Locale;

/** Human sizes written the way the official filesystem server writes them ("1.50 KB"). */
public final class Sizes {

    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};

    private Sizes() {
    }

    public static String format(long bytes) {
        if (bytes <= 0) {
            return "0 B";
        }
        int i = (int) Math.floor(Math.log(bytes) / Math.log(1024));
        if (i <= 0) {
            return bytes + " B";
        }
        int unit = Math.min(i, UNITS.length - 1);
        return String.format(Locale.ROOT, "%.2f %s", bytes / Math.pow(1024, unit), UNITS[unit]);
    }
}
