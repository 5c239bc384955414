package dev.mcpbridge.core.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** What the descriptor kinds (sql, openapi) share when they rewrite a descriptor and write its routes. */
final class GeneratedRoutes {

    private GeneratedRoutes() {
    }

    /** Opens the route of one tool, at the endpoint the loader binds the tool to; its steps follow. */
    static void begin(StringBuilder routes, String adapter, String tool) {
        routes.append("- route:\n")
                .append("    id: ").append(adapter).append('.').append(tool).append('\n')
                .append("    from:\n")
                .append("      uri: direct:").append(adapter).append('.').append(tool).append('\n')
                .append("      steps:\n");
    }

    /** Refuses a field of {@code node} that is not one of {@code allowed}, naming it where it is. */
    static void onlyFields(String source, String field, JsonNode node, Set<String> allowed, String what) {
        node.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw new DescriptorException(source, field.isEmpty() ? f : field + "." + f, "is not a field of "
                        + what + " (fields: " + allowed + ")");
            }
        });
    }
}
