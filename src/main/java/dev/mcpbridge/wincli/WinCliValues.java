package dev.mcpbridge.wincli;

import dev.mcpbridge.core.spi.HomePaths;
import dev.mcpbridge.core.spi.Durations;
import dev.mcpbridge.core.spi.SettingsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How win-cli's settings write paths, lists and timeouts, read the same way by every class that uses them. */
final class WinCliValues {

    private WinCliValues() {
    }

    /** Seconds as win-cli wrote them ("30"), or a duration ("30s", "2m", "500ms"). */
    static long seconds(String name, String v, long fallbackMillis) {
        if (v == null || v.isBlank()) {
            return fallbackMillis;
        }
        String t = v.strip();
        try {
            long millis = t.matches("\\d+") ? Long.parseLong(t) * 1000 : Durations.parseMillis(t);
            if (millis < 100 || millis > 24L * 3600 * 1000) {
                throw new SettingsException(name, "must be between 100 ms and 24 h");
            }
            return millis;
        } catch (IllegalArgumentException e) {
            throw new SettingsException(name, e.getMessage());
        }
    }

    /** Entries separated by commas, whitespace or newlines; "default" expands to the default list, "none" is none. */
    static List<String> list(String value, List<String> defaults) {
        List<String> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return new ArrayList<>(defaults);
        }
        for (String item : value.split("[,\\s]+")) {
            if (item.isBlank() || item.equalsIgnoreCase("none")) {
                continue;
            }
            if (item.equalsIgnoreCase("default")) {
                out.addAll(defaults);
            } else {
                out.add(item.strip());
            }
        }
        return out;
    }


    static Path optionalPath(String value) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("none")) {
            return null;
        }
        return Path.of(HomePaths.expand(value.strip())).toAbsolutePath().normalize();
    }

}
