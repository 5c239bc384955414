package dev.mcpbridge.core.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one typed way into a tool call's arguments, for handlers that take them one by one rather than as a record.
 * The core has already validated them against the tool's input schema, so these checks are a second line; their
 * wording is the same for every adapter ("missing required parameter: owner", "parameter perPage must be a whole
 * number, not 'x'"), as is the wording of a record that cannot be bound.
 */
public final class Arguments {

    private final Map<String, Object> values;

    public Arguments(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    /** The arguments as given (JSON types: String, Number, Boolean, List, Map). */
    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    /** A text argument, or null when absent or empty. */
    public String str(String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        String s = String.valueOf(v);
        return s.isEmpty() ? null : s;
    }

    public String str(String name, String fallback) {
        String s = str(name);
        return s == null ? fallback : s;
    }

    /** A text argument that must be present and not blank. */
    public String required(String name) {
        String s = str(name);
        if (s == null || s.isBlank()) {
            throw missing(name);
        }
        return s;
    }

    /** Text that must be present but may legitimately be empty (a file's content). */
    public String requiredAllowEmpty(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw missing(name);
        }
        return String.valueOf(v);
    }

    /** A whole number (JSON numbers such as 3.0 included), or null when absent. */
    public Long integer(String name) {
        Object v = values.get(name);
        if (v == null || (v instanceof String s && s.isBlank())) {
            return null;
        }
        try {
            double d = v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v).strip());
            if (d != Math.rint(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return (long) d;
        } catch (NumberFormatException e) {
            throw invalid(name, "a whole number", v);
        }
    }

    public long integer(String name, long fallback) {
        Long v = integer(name);
        return v == null ? fallback : v;
    }

    public long requiredInt(String name) {
        Long v = integer(name);
        if (v == null) {
            throw missing(name);
        }
        return v;
    }

    /** A number, or null when absent. */
    public Double number(String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            throw invalid(name, "a number", v);
        }
    }

    public Boolean bool(String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        return v instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(v));
    }

    public boolean bool(String name, boolean fallback) {
        Boolean b = bool(name);
        return b == null ? fallback : b;
    }

    /** A list of texts; a single text counts as a list of one, absent as empty. */
    public List<String> strings(String name) {
        Object v = values.get(name);
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            list.forEach(x -> out.add(String.valueOf(x)));
        } else if (v != null && !String.valueOf(v).isBlank()) {
            out.add(String.valueOf(v));
        }
        return out;
    }

    /** A list of objects, absent as empty. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> objects(String name) {
        Object v = values.get(name);
        List<Map<String, Object>> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Map<?, ?>)) {
                    throw invalid(name, "a list of objects");
                }
                out.add((Map<String, Object>) o);
            }
        }
        return out;
    }

    /** An object, absent as empty. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> object(String name) {
        Object v = values.get(name);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /**
     * The arguments as a record: each component takes the argument of its name, or of the name it stands for in
     * camelCase ({@code time_range} → {@code timeRange}); absent ones are null. A handler that takes the record as
     * its parameter gets it bound this way.
     */
    public <T> T as(Class<T> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        Map<String, Object> byComponent = new java.util.LinkedHashMap<>();
        for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
            Object value = JavaNames.valueFor(c.getName(), values);
            if (value != null) {
                byComponent.put(c.getName(), value);
            }
        }
        try {
            return RECORDS.convertValue(byComponent, type);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m
                    && !m.getPath().isEmpty()) {
                String name = m.getPath().get(0).getFieldName();
                Object value = m instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f ? f.getValue()
                        : byComponent.get(name);
                throw invalid(name, "of type " + m.getTargetType().getSimpleName(), value);
            }
            throw new ToolException("the arguments do not fit " + type.getSimpleName());
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper RECORDS =
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS);

    /** The error for an argument that is required and absent, worded as every adapter words it. */
    public static ToolException missing(String name) {
        return new ToolException("missing required parameter: " + name);
    }

    /** The error for an argument of the wrong kind, worded as every adapter words it. */
    public static ToolException invalid(String name, String expected, Object actual) {
        return new ToolException("parameter " + name + " must be " + expected + ", not '" + actual + "'");
    }

    /** The same, when showing the value would not help (a whole list, say). */
    public static ToolException invalid(String name, String expected) {
        return new ToolException("parameter " + name + " must be " + expected);
    }
}
