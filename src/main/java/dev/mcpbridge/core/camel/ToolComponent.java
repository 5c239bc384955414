package dev.mcpbridge.core.camel;

import dev.mcpbridge.core.config.Suggestions;
import dev.mcpbridge.core.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.builder.ExpressionBuilder;

/**
 * The {@code tool:} component: a route step that calls another served tool, so that a workflow is a route of
 * Camel's EIPs over tools ({@code split}, {@code choice}, {@code multicast}, aggregation).
 *
 * <pre>
 * - to: "tool:searxng_web_search?query=${variable.topic}&amp;num_results=3"
 * </pre>
 *
 * Each URI parameter is one argument of the step. A value with {@code ${...}} is a Simple expression evaluated
 * when the step runs, into the value itself (a list stays a list; nothing is spliced into JSON or a URI, so what a
 * user typed cannot become another argument); other values are constants. With no arguments in the URI the body,
 * when it is a map, is the arguments. {@code onError=continue} makes a failed step an answer (its message in the
 * body and in the header {@value #ERROR_HEADER}) instead of the workflow's failure, for a branch of a fan-out that
 * the result should report.
 */
public final class ToolComponent extends DefaultComponent {

    /** Set after each step: the failed step's message, or absent when it succeeded. */
    public static final String ERROR_HEADER = "McpToolError";

    private final ToolCalls calls;

    public ToolComponent(ToolCalls calls) {
        this.calls = calls;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        if (!calls.serves(remaining)) {
            throw new IllegalArgumentException("tool:" + remaining + " names no served tool"
                    + Suggestions.didYouMean(remaining, calls.served()));
        }
        boolean continueOnError = "continue".equals(parameters.remove("onError"));
        Map<String, Expression> arguments = new LinkedHashMap<>();
        parameters.forEach((name, value) -> arguments.put(name, argument(String.valueOf(value))));
        // Taken here, all of them: they are the step's arguments, not options of the endpoint.
        parameters.clear();
        return new ToolEndpoint(uri, this, remaining, arguments, continueOnError);
    }

    private Expression argument(String value) {
        return value.contains("${") ? getCamelContext().resolveLanguage("simple").createExpression(value)
                : ExpressionBuilder.constantExpression(value);
    }

    private final class ToolEndpoint extends DefaultEndpoint {
        private final String tool;
        private final Map<String, Expression> arguments;
        private final boolean continueOnError;

        ToolEndpoint(String uri, ToolComponent component, String tool, Map<String, Expression> arguments,
                boolean continueOnError) {
            super(uri, component);
            this.tool = tool;
            this.arguments = arguments;
            this.continueOnError = continueOnError;
        }

        @Override
        public Producer createProducer() {
            return new DefaultProducer(this) {
                @Override
                public void process(Exchange exchange) {
                    step(exchange);
                }
            };
        }

        @Override
        public Consumer createConsumer(Processor processor) {
            throw new UnsupportedOperationException("tool:" + tool + " is a step to call, not a route's start");
        }

        private void step(Exchange exchange) {
            ToolCalls.Step answer = calls.call(tool, argumentsOf(exchange), exchange);
            if (answer.error() != null && !continueOnError) {
                throw new ToolException("step '" + tool + "' failed: " + answer.error());
            }
            exchange.getMessage().setBody(answer.error() != null ? answer.error() : answer.body());
            if (answer.error() != null) {
                exchange.getMessage().setHeader(ERROR_HEADER, answer.error());
            } else {
                exchange.getMessage().removeHeader(ERROR_HEADER);
            }
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> argumentsOf(Exchange exchange) {
            if (arguments.isEmpty()) {
                Object body = exchange.getMessage().getBody();
                return body instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Object>) map)
                        : new LinkedHashMap<>();
            }
            Map<String, Object> values = new LinkedHashMap<>();
            arguments.forEach((name, expression) -> values.put(name, expression.evaluate(exchange, Object.class)));
            return values;
        }
    }
}
