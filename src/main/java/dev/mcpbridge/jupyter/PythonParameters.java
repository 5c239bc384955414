package dev.mcpbridge.jupyter;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mcpbridge.core.spi.ToolException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * papermill's parameters cell for Python kernels: a "# Parameters" comment, then one assignment per parameter,
 * each value written as a Python literal (True/False/None, lists, dicts, strings).
 */
final class PythonParameters {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final java.util.Set<String> KEYWORDS = java.util.Set.of("False", "None", "True", "and", "as",
            "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
            "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass",
            "raise", "return", "try", "while", "with", "yield");

    private PythonParameters() {
    }

    static String cell(Map<String, Object> parameters) {
        StringBuilder source = new StringBuilder("# Parameters\n");
        parameters.forEach((name, value) -> {
            if (!IDENTIFIER.matcher(name).matches() || KEYWORDS.contains(name)) {
                throw new ToolException("parameter name '" + name + "' is not a Python identifier");
            }
            source.append(name).append(" = ").append(literal(value)).append('\n');
        });
        return source.toString();
    }

    static String literal(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof Number n) {
            String s = n.toString();
            return s.equals("NaN") ? "float('nan')" : s.contains("Infinity") ? (s.startsWith("-") ? "-" : "")
                    + "float('inf')" : s;
        }
        if (value instanceof String s) {
            try {
                // A JSON string is a valid Python string literal (same escapes, \\uXXXX included).
                return JupyterApi.JSON.writeValueAsString(s);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        if (value instanceof List<?> list) {
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                s.append(i == 0 ? "" : ", ").append(literal(list.get(i)));
            }
            return s.append(']').toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder s = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                s.append(first ? "" : ", ").append(literal(String.valueOf(e.getKey()))).append(": ")
                        .append(literal(e.getValue()));
                first = false;
            }
            return s.append('}').toString();
        }
        return literal(String.valueOf(value));
    }
}
