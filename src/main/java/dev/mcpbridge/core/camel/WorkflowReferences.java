package dev.mcpbridge.core.camel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.config.ConfigException;
import dev.mcpbridge.core.config.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * Checks, before the server answers anyone, that every {@code tool:} step in the adapters' routes names a tool
 * that is served: Camel would find out only when it boots the routes, after {@code initialize} was answered.
 */
public final class WorkflowReferences {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private WorkflowReferences() {
    }

    /** @throws ConfigException naming the routes file, the step and the fix, for the first unknown tool */
    public static void check(Collection<AdapterDescriptor> adapters, Predicate<String> served,
            Collection<String> servedNames) {
        for (AdapterDescriptor adapter : adapters) {
            for (String tool : referencedTools(adapter.routesYaml())) {
                if (!served.test(tool)) {
                    throw new ConfigException(adapter.routesSource() + ": the step 'tool:" + tool
                            + "' names no served tool" + Suggestions.didYouMean(tool, servedNames)
                            + "; fix the name or serve the adapter that has it (--adapter)");
                }
            }
        }
    }

    /** The tools named by {@code tool:} endpoint URIs anywhere in a routes file (steps, templates, options). */
    static List<String> referencedTools(String routesYaml) {
        List<String> tools = new ArrayList<>();
        if (routesYaml == null || routesYaml.isBlank()) {
            return tools;
        }
        try {
            collect(YAML.readTree(routesYaml), tools);
        } catch (JsonProcessingException e) {
            // Not this check's to report: Camel's loader names the line when it reads the same text.
            return tools;
        }
        return tools;
    }

    private static void collect(JsonNode node, List<String> tools) {
        if (node == null) {
            return;
        }
        if (node.isTextual() && node.textValue().startsWith("tool:")) {
            String rest = node.textValue().substring("tool:".length());
            int query = rest.indexOf('?');
            tools.add((query < 0 ? rest : rest.substring(0, query)).strip());
        }
        node.forEach(child -> collect(child, tools));
    }
}
