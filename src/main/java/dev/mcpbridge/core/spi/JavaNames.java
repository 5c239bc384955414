package dev.mcpbridge.core.spi;

import java.util.Map;

/** How descriptor names (snake_case tool names, JSON property names) read as Java names, one rule for both. */
public final class JavaNames {

    private JavaNames() {
    }

    /**
     * {@code read_text_file} → {@code readTextFile}; {@code web-url.read} → {@code webUrlRead}; a name without
     * separators is kept as it is.
     */
    public static String camel(String name) {
        String[] parts = name.split("[_.\\-]+");
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            out.append(out.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return out.toString();
    }

    /** The property of a JSON object that a record component named {@code component} stands for, or null. */
    public static String propertyFor(String component, Iterable<String> properties) {
        String camelMatch = null;
        for (String property : properties) {
            if (property.equals(component)) {
                return property;
            }
            if (camel(property).equals(component)) {
                camelMatch = property;
            }
        }
        return camelMatch;
    }

    /** The value of {@code component}'s property in {@code values}, or null. */
    public static Object valueFor(String component, Map<String, ?> values) {
        Object exact = values.get(component);
        if (exact != null) {
            return exact;
        }
        String property = propertyFor(component, values.keySet());
        return property == null ? null : values.get(property);
    }
}
