package dev.mcpbridge.core.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.registry.RegisteredTool;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Lists the tools that would be served, as a table or as JSON. */
@Command(name = "tools", mixinStandardHelpOptions = true, description = "List the tools that would be served.")
public final class ToolsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--json", description = "Print the tools' full contracts as JSON.")
    boolean json;

    @Parameters(paramLabel = "ARG", arity = "0..*",
            description = "As for serve: given to the one served adapter whose descriptor marks a setting positional.")
    List<String> positional = new java.util.ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Main.logLevel(common.logLevel == null ? "warn" : common.logLevel);
        try (Bridge bridge = Bridge.create(common.load(System.getenv()), common.settings, System.getenv(),
                positional)) {
            PrintWriter out = spec.commandLine().getOut();
            List<RegisteredTool> tools = bridge.registry().tools();
            if (json) {
                List<Map<String, Object>> contracts = new ArrayList<>();
                for (RegisteredTool t : tools) {
                    contracts.add(contract(t));
                }
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(contracts));
            } else {
                out.print(table(tools));
                bridge.notServed().forEach((name, why) -> out.println("not served: " + name + " (" + why + ")"));
            }
            out.flush();
        }
        return 0;
    }

    static Map<String, Object> contract(RegisteredTool t) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", t.exposedName());
        c.put("adapter", t.adapter());
        if (t.spec().title() != null) {
            c.put("title", t.spec().title());
        }
        c.put("description", t.spec().description());
        Map<String, Object> annotations = new LinkedHashMap<>();
        var a = t.spec().annotations();
        putIfSet(annotations, "readOnlyHint", a.readOnlyHint());
        putIfSet(annotations, "destructiveHint", a.destructiveHint());
        putIfSet(annotations, "idempotentHint", a.idempotentHint());
        putIfSet(annotations, "openWorldHint", a.openWorldHint());
        c.put("annotations", annotations);
        c.put("inputSchema", t.spec().inputSchema());
        if (t.spec().outputSchema() != null) {
            c.put("outputSchema", t.spec().outputSchema());
        }
        return c;
    }

    private static void putIfSet(Map<String, Object> map, String key, Boolean value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    static String table(List<RegisteredTool> tools) {
        int nameWidth = Math.max(4, tools.stream().mapToInt(t -> t.exposedName().length()).max().orElse(0));
        int adapterWidth = Math.max(7, tools.stream().mapToInt(t -> t.adapter().length()).max().orElse(0));
        StringBuilder sb = new StringBuilder();
        String format = "%-" + nameWidth + "s  %-" + adapterWidth + "s  %-9s  %s%n";
        sb.append(String.format(format, "TOOL", "ADAPTER", "READ-ONLY", "DESCRIPTION"));
        for (RegisteredTool t : tools) {
            String description = t.spec().description().lines().findFirst().orElse("");
            if (description.length() > 80) {
                description = description.substring(0, 77) + "...";
            }
            sb.append(String.format(format, t.exposedName(), t.adapter(), t.spec().readOnly() ? "yes" : "no",
                    description));
        }
        sb.append(tools.size()).append(tools.size() == 1 ? " tool" : " tools").append(System.lineSeparator());
        return sb.toString();
    }
}
