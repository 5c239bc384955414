package dev.mcpbridge.core.camel;

import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.ToolCallContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Calls one handler method of a service with what it asks for, by parameter type: a record of the call's arguments
 * (bound by component name, {@code time_range} read as {@code timeRange}), {@link Arguments}, the arguments as a
 * {@code Map}, the {@link ToolCallContext}, or for a resource its URI as a String. Its return value is the answer.
 */
final class HandlerProcessor implements Processor {

    /** The service's current instance: a restart of its adapter replaces it. */
    private final Supplier<Object> service;
    private final Method method;
    private final Function<Exchange, Object>[] parameters;

    @SuppressWarnings("unchecked")
    HandlerProcessor(Supplier<Object> service, Method method) {
        this.service = service;
        this.method = method;
        Parameter[] declared = method.getParameters();
        this.parameters = new Function[declared.length];
        for (int i = 0; i < declared.length; i++) {
            parameters[i] = binder(declared[i].getType());
        }
    }

    private static Function<Exchange, Object> binder(Class<?> type) {
        if (type == ToolCallContext.class) {
            return exchange -> exchange.getProperty(ToolCallContext.PROPERTY, ToolCallContext.class);
        }
        if (type == Arguments.class) {
            return exchange -> new Arguments(arguments(exchange));
        }
        if (type == Map.class) {
            return exchange -> exchange.getIn().getBody() instanceof Map<?, ?> m ? m : exchange.getVariables();
        }
        if (type == String.class) {
            return exchange -> exchange.getIn().getBody(String.class);
        }
        if (type.isRecord()) {
            return exchange -> new Arguments(arguments(exchange)).as(type);
        }
        throw new IllegalArgumentException("a handler cannot take " + type.getName());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> arguments(Exchange exchange) {
        Object body = exchange.getIn().getBody();
        return body instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Object[] args = new Object[parameters.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = parameters[i].apply(exchange);
        }
        Object answer;
        try {
            answer = method.invoke(service.get(), args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        exchange.getMessage().setBody(answer);
    }

    @Override
    public String toString() {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }
}
