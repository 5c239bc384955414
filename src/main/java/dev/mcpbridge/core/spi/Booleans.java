package dev.mcpbridge.core.spi;

import java.util.Locale;

/**
 * The one way a boolean setting is read, in core and in adapters alike: {@code true/yes/on/1} are true,
 * {@code false/no/off/0} false (any case, surrounding blanks ignored), anything else is refused, so that a typo
 * such as {@code ture} never silently means false.
 */
public final class Booleans {

    /** The words accepted, for messages. */
    public static final String ACCEPTED = "true/false, yes/no, on/off or 1/0";

    private Booleans() {
    }

    /** @throws IllegalArgumentException naming the value and the words accepted */
    public static boolean parse(String value) {
        String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("must be " + ACCEPTED + ", not '" + value + "'");
        };
    }

    /** Like {@link #parse}, with an unset or blank value meaning {@code otherwise}. */
    public static boolean parse(String value, boolean otherwise) {
        return value == null || value.isBlank() ? otherwise : parse(value);
    }
}
