package dev.mcpbridge.github;

import dev.mcpbridge.core.spi.ToolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typed access to a tool call's arguments (already validated against the input schema by the core). */
final class Args {

    private final Map<String, Object> args;

    Args(Map<String, Object> args) {
        this.args = args == null ? Map.of() : args;
    }

    /** A text argument, or null when absent or empty. */
    String str(String name) {
        Object v = args.get(name);
        if (v == null) {
            return null;
        }
        String s = String.valueOf(v);
        return s.isEmpty() ? null : s;
    }

    String str(String name, String fallback) {
        String s = str(name);
        return s == null ? fallback : s;
    }

    String required(String name) {
        String s = str(name);
        if (s == null || s.isBlank()) {
            throw new ToolException("missing required parameter: " + name);
        }
        return s;
    }

    /** Text that may legitimately be empty (a file's content). */
    String requiredAllowEmpty(String name) {
        Object v = args.get(name);
        if (v == null) {
            throw new ToolException("missing required parameter: " + name);
        }
        return String.valueOf(v);
    }

    Long integer(String name) {
        Object v = args.get(name);
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
            throw new ToolException("parameter " + name + " must be a whole number, not '" + v + "'");
        }
    }

    long requiredInt(String name) {
        Long v = integer(name);
        if (v == null) {
            throw new ToolException("missing required parameter: " + name);
        }
        return v;
    }

    Boolean bool(String name) {
        Object v = args.get(name);
        if (v == null) {
            return null;
        }
        return v instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(v));
    }

    boolean bool(String name, boolean fallback) {
        Boolean b = bool(name);
        return b == null ? fallback : b;
    }

    List<String> strings(String name) {
        Object v = args.get(name);
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            list.forEach(x -> out.add(String.valueOf(x)));
        } else if (v != null && !String.valueOf(v).isBlank()) {
            out.add(String.valueOf(v));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> objects(String name) {
        Object v = args.get(name);
        List<Map<String, Object>> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Map<?, ?>)) {
                    throw new ToolException("parameter " + name + " must be a list of objects");
                }
                out.add((Map<String, Object>) o);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String name) {
        Object v = args.get(name);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    boolean has(String name) {
        return args.get(name) != null;
    }

    int page() {
        Long p = integer("page");
        return p == null ? 1 : (int) Math.max(1, Math.min(p, 100_000));
    }

    int perPage() {
        return perPage(30);
    }

    int perPage(int fallback) {
        Long p = integer("perPage");
        return p == null ? fallback : (int) Math.max(1, Math.min(p, 100));
    }

    long offset() {
        Long o = integer("offset");
        return o == null ? 0 : Math.max(0, o);
    }

    String owner() {
        return required("owner");
    }

    String repo() {
        return required("repo");
    }
}
