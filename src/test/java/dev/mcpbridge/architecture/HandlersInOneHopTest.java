package dev.mcpbridge.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.adapter.AdapterCatalog;
import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.adapter.AdapterLoader;
import dev.mcpbridge.core.spi.JavaNames;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A reader finds any tool in one hop: the Java method that serves a tool is named as the tool (read_text_file →
 * readTextFile), and arguments come in one typed way (an {@code Arguments} or a record made from it), never as a
 * raw map — for handlers and for the methods an adapter's routes call as beans alike.
 */
class HandlersInOneHopTest {

    private static final List<AdapterDescriptor> BUILT_IN = new AdapterCatalog(
            new AdapterLoader(McpJsonDefaults.getSchemaValidator()), name -> true).load(List.of());

    @Test
    void everyJavaToolHandlerIsTheMethodOfTheToolsName() throws Exception {
        int tools = 0;
        for (AdapterDescriptor adapter : BUILT_IN) {
            for (AdapterDescriptor.HandlerBinding handler : adapter.handlers()) {
                if (!handler.field().startsWith("tools[")) {
                    continue;
                }
                int index = Integer.parseInt(handler.field().replaceAll("\\D", ""));
                String tool = adapter.tools().get(index).name();
                assertThat(handler.method()).as(adapter.name() + " " + tool).isEqualTo(JavaNames.camel(tool));
                tools++;
            }
        }
        assertThat(tools).as("Java tool handlers found").isGreaterThan(100);
    }

    @Test
    void noHandlerNorRouteBeanMethodTakesARawMap() throws Exception {
        List<String> raw = new ArrayList<>();
        int checked = 0;
        for (AdapterDescriptor adapter : BUILT_IN) {
            java.util.Set<String> called = new java.util.HashSet<>();
            adapter.handlers().forEach(h -> called.add(h.method()));
            java.util.regex.Matcher beanSteps = java.util.regex.Pattern.compile("method:\\s*\"?([A-Za-z0-9_]+)")
                    .matcher(adapter.routesYaml() == null ? "" : adapter.routesYaml());
            while (beanSteps.find()) {
                called.add(beanSteps.group(1));
            }
            for (String service : adapter.services()) {
                for (Method m : Class.forName(service).getDeclaredMethods()) {
                    if (!java.lang.reflect.Modifier.isPublic(m.getModifiers()) || !called.contains(m.getName())) {
                        continue;
                    }
                    checked++;
                    for (Class<?> type : m.getParameterTypes()) {
                        if (Map.class.isAssignableFrom(type)) {
                            raw.add(service + "." + m.getName());
                        }
                    }
                }
            }
        }
        assertThat(checked).as("methods checked").isGreaterThan(100);
        assertThat(raw).isEmpty();
    }
}
