package dev.mcpbridge.github;

import dev.mcpbridge.core.spi.Arguments;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The {@code fields} parameter of github-mcp-server's list tools: each item keeps only the named fields, so a model
 * that needs numbers and titles does not pay for bodies. Names are the peer's; where our minimal form calls a field
 * otherwise (the peer's issue {@code type} is our {@code issue_type}) both are kept under our name.
 */
final class FieldSelection implements UnaryOperator<Object> {

    private static final Map<String, String> OUR_NAME = Map.of("type", "issue_type", "assignee", "assignees");

    private final List<String> fields;

    private FieldSelection(List<String> fields) {
        this.fields = fields;
    }

    static FieldSelection of(Arguments a) {
        return new FieldSelection(a.strings("fields"));
    }

    @Override
    public Object apply(Object item) {
        if (fields.isEmpty() || !(item instanceof Map<?, ?> map)) {
            return item;
        }
        Map<Object, Object> kept = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (fields.contains(key) || fields.stream().anyMatch(f -> key.equals(OUR_NAME.get(f)))) {
                kept.put(key, value);
            }
        });
        return kept;
    }
}
