package dev.mcpbridge.core.spi;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations the way people write them in YAML and flags: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, plain milliseconds, or ISO-8601. */
public final class Durations {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private Durations() {
    }

    public static long parseMillis(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "ms" : m.group(2);
            long millis = switch (unit) {
                case "s" -> n * 1000;
                case "m" -> n * 60_000;
                case "h" -> n * 3_600_000;
                default -> n;
            };
            return positive(text, millis);
        }
        try {
            return positive(text, Duration.parse(text.trim().toUpperCase(Locale.ROOT)).toMillis());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 500ms, 30s, 2m, PT1M)");
        }
    }

    private static long positive(String text, long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException("'" + text + "' must be a positive duration");
        }
        return millis;
    }
}
