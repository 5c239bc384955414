package dev.mcpbridge.core.pipeline;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.Exchange;

/**
 * One OpenTelemetry span per tool call ({@code tools/call <tool>}, kind SERVER, with the adapter, the tool and the
 * outcome), child of the W3C trace context the client sent in the request's {@code _meta} (the MCP
 * specification's {@code traceparent}/{@code tracestate} keys, which the invoker puts on the exchange as headers).
 * The SDK and its OTLP exporter are set up from the standard {@code OTEL_*} variables, and only when an OTLP
 * endpoint is configured: otherwise the no-op API costs nothing.
 *
 * <p>Why the API and not camel-opentelemetry: the component does not resolve at Camel 4.22 from the registry the
 * build uses, and it would make a span of every internal {@code direct:} hop; users want one span per call.
 */
public final class CallTracing implements AutoCloseable {

    static final AttributeKey<String> TOOL = AttributeKey.stringKey("gen_ai.tool.name");
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("mcp.method.name");
    static final AttributeKey<String> ADAPTER = AttributeKey.stringKey("mcp.bridge.adapter");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("mcp.bridge.outcome");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final String SPAN = "mcp.span";

    private static final TextMapGetter<Exchange> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Exchange exchange) {
            return exchange.getIn().getHeaders().keySet();
        }

        @Override
        public String get(Exchange exchange, String key) {
            return exchange == null ? null : exchange.getIn().getHeader(key, String.class);
        }
    };

    private final OpenTelemetry telemetry;
    private final Tracer tracer;

    CallTracing(OpenTelemetry telemetry) {
        this.telemetry = telemetry;
        this.tracer = telemetry.getTracer("mcp-bridge");
    }

    /**
     * @param settings the environment (and system properties) the standard variables are read from
     * @return tracing that exports over OTLP when {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or its traces variant) is set,
     *     else a no-op (the SDK itself honours {@code OTEL_SDK_DISABLED} and the other standard variables)
     */
    public static CallTracing fromEnvironment(Function<String, String> settings) {
        boolean configured = present(settings.apply("OTEL_EXPORTER_OTLP_ENDPOINT"))
                || present(settings.apply("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
        if (!configured) {
            return new CallTracing(OpenTelemetry.noop());
        }
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> Map.of(
                        "otel.service.name", "mcp-bridge",
                        "otel.traces.exporter", "otlp",
                        "otel.metrics.exporter", "none",
                        "otel.logs.exporter", "none"))
                .addPropertiesCustomizer(config -> {
                    // The environment given to the bridge wins, as it does for every other setting.
                    java.util.Map<String, String> fromSettings = new java.util.HashMap<>();
                    for (String name : new String[] {"OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                        "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_SERVICE_NAME"}) {
                        String value = settings.apply(name);
                        if (present(value)) {
                            fromSettings.put(name.toLowerCase(java.util.Locale.ROOT).replace('_', '.'), value);
                        }
                    }
                    return fromSettings;
                })
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        return new CallTracing(sdk);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** Step: opens the call's span under the caller's trace context, if any. */
    public void open(Exchange exchange) {
        CallRecord call = CallRecord.of(exchange);
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), exchange, HEADERS);
        Span span = tracer.spanBuilder("tools/call " + call.tool()).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute(METHOD, "tools/call").setAttribute(TOOL, call.tool())
                .setAttribute(ADAPTER, call.adapter()).startSpan();
        exchange.setProperty(SPAN, span);
    }

    /** Step: ends the call's span with its outcome. */
    public void close(Exchange exchange) {
        Span span = exchange.getProperty(SPAN, Span.class);
        if (span == null) {
            return;
        }
        exchange.removeProperty(SPAN);
        CallRecord call = CallRecord.of(exchange);
        span.setAttribute(OUTCOME, call.outcome().label());
        if (call.outcome() != CallRecord.Outcome.OK) {
            span.setAttribute(ERROR_TYPE, call.errorType());
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    @Override
    public void close() {
        if (telemetry instanceof OpenTelemetrySdk sdk) {
            // Flushes the spans still queued.
            sdk.close();
        }
    }
}
