package dev.mcpbridge.core.pipeline;

import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.spi.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Puts the call route in place: binds the beans its steps call, loads {@code routes/call.yaml} (the route template
 * every tool call runs through, and the audit route), and makes one route from the template for each served tool,
 * {@code direct:call.<tool>}, whose middle is the tool's handler endpoint.
 */
public final class CallPipeline implements AutoCloseable {

    /** The file, beside the adapters' routes in the jar, that holds the call route. */
    public static final String ROUTES = "mcp-bridge/routes/call.yaml";
    static final String TEMPLATE = "tool-call";

    /**
     * A served tool: its adapter, the name clients call it by, the name its descriptor gives it, and the endpoint
     * of its handler.
     */
    public record Tool(String adapter, String name, String declaredName, String handler) {
    }

    private final CallMetrics metrics = new CallMetrics();
    private final CallTracing tracing;
    private final CallAudit audit;
    private final AdapterBreakers breakers;
    private final CallFailures failures;

    /**
     * @param auditFiles the bridge's audit file under the key null, an adapter's own under its name; no entry (or a
     *     null file) for none
     * @param environment where the standard OpenTelemetry variables are read
     */
    public CallPipeline(List<AdapterDescriptor> adapters, Secrets secrets, Map<String, Path> auditFiles,
            java.util.function.Function<String, String> environment) {
        this.audit = new CallAudit(auditFiles, secrets);
        this.tracing = CallTracing.fromEnvironment(environment);
        this.breakers = new AdapterBreakers(adapters);
        this.failures = new CallFailures(new Failures(secrets));
    }

    /** The endpoint a call of the tool is sent to. */
    public static String endpoint(String tool) {
        return "direct:call." + tool;
    }

    public CallMetrics metrics() {
        return metrics;
    }

    AdapterBreakers breakers() {
        return breakers;
    }

    /** Binds the steps' processors, loads the call route and makes one route of it per tool. */
    public void install(CamelContext context, List<Tool> tools) throws Exception {
        CallRecords records = new CallRecords();
        Map<String, Processor> steps = new LinkedHashMap<>();
        steps.put("callBegin", records::begin);
        steps.put("metricsStarted", metrics::started);
        steps.put("spanOpen", tracing::open);
        steps.put("breakerAdmit", breakers::admit);
        steps.put("failureTranslate", failures::translate);
        steps.put("callEnd", records::end);
        steps.put("breakerRecord", breakers::record);
        steps.put("metricsFinished", metrics::finished);
        steps.put("spanClose", tracing::close);
        steps.put("auditWrite", audit::write);
        steps.forEach((name, step) -> context.getRegistry().bind(name, Processor.class, step));
        context.getPropertiesComponent().addInitialProperty("mcp.audit", String.valueOf(audit.enabled()));
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("call.yaml", routesText()));
        for (Tool tool : tools) {
            breakers.serves(tool.adapter(), tool.declaredName(), tool.name());
            TemplatedRouteBuilder.builder(context, TEMPLATE)
                    .routeId("call." + tool.name())
                    .parameter("adapter", tool.adapter())
                    .parameter("tool", tool.name())
                    .parameter("handler", tool.handler())
                    .add();
        }
    }

    private static String routesText() throws IOException {
        try (InputStream in = CallPipeline.class.getClassLoader().getResourceAsStream(ROUTES)) {
            if (in == null) {
                throw new IOException(ROUTES + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        tracing.close();
        audit.close();
    }
}
