package dev.mcpbridge.core.adapter;

import dev.mcpbridge.core.adapter.AdapterDescriptor.HandlerBinding;
import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.JavaNames;
import dev.mcpbridge.core.spi.ToolCallContext;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds the endpoints no route serves to methods of the adapter's service classes, at start-up, so that a missing
 * or misnamed handler stops the bridge with the file and field rather than failing the first call.
 */
final class HandlerResolver {

    /** What the endpoint serves: decides which parameters its handler may take. */
    enum Kind { TOOL, RESOURCE, PROMPT }

    /**
     * One endpoint without a route.
     *
     * @param properties the input schema's property names (tools and prompts), which a record parameter must match
     */
    record Unrouted(String field, String endpoint, String method, Kind kind, Set<String> properties) {
    }

    private HandlerResolver() {
    }

    static List<Class<?>> load(String source, List<String> services) {
        List<Class<?>> classes = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            String name = services.get(i);
            Class<?> type;
            try {
                type = Class.forName(name, false, HandlerResolver.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new DescriptorException(source, "services[" + i + "]",
                        "class '" + name + "' is not on the class path");
            }
            if (!Modifier.isPublic(type.getModifiers()) || type.getConstructors().length != 1) {
                throw new DescriptorException(source, "services[" + i + "]", "'" + name
                        + "' must be a public class with exactly one public constructor");
            }
            classes.add(type);
        }
        return classes;
    }

    static HandlerBinding bind(String source, List<Class<?>> services, Unrouted endpoint) {
        List<Method> found = new ArrayList<>();
        for (Class<?> service : services) {
            for (Method m : service.getMethods()) {
                if (m.getName().equals(endpoint.method()) && m.getDeclaringClass() != Object.class
                        && !Modifier.isStatic(m.getModifiers())) {
                    found.add(m);
                }
            }
        }
        if (found.isEmpty()) {
            throw new DescriptorException(source, endpoint.field(), "no route starts from '" + endpoint.endpoint()
                    + "' and no service has a public method '" + endpoint.method() + "' to handle it"
                    + (services.isEmpty() ? " (the adapter declares no services)" : " (services: "
                            + services.stream().map(Class::getName).toList() + ")"));
        }
        if (found.size() > 1) {
            throw new DescriptorException(source, endpoint.field(), "the handler '" + endpoint.method()
                    + "' is ambiguous: " + found.stream().map(m -> m.getDeclaringClass().getSimpleName() + "."
                            + m.getName() + "(" + m.getParameterCount() + " parameters)").toList()
                    + "; give each handler one method of its own name");
        }
        Method method = found.get(0);
        for (Parameter p : method.getParameters()) {
            checkParameter(source, endpoint, method, p);
        }
        return new HandlerBinding(endpoint.endpoint(), endpoint.field(), method.getDeclaringClass().getName(),
                method.getName());
    }

    private static void checkParameter(String source, Unrouted endpoint, Method method, Parameter p) {
        Class<?> type = p.getType();
        String where = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        if (type == ToolCallContext.class || type == Map.class) {
            return;
        }
        boolean takesArguments = endpoint.kind() != Kind.RESOURCE;
        if (type == String.class && !takesArguments) {
            return;
        }
        if (type == Arguments.class && takesArguments) {
            return;
        }
        if (type.isRecord() && takesArguments) {
            for (RecordComponent c : type.getRecordComponents()) {
                if (JavaNames.propertyFor(c.getName(), endpoint.properties()) == null) {
                    throw new DescriptorException(source, endpoint.field(), where + " takes " + type.getSimpleName()
                            + " whose component '" + c.getName() + "' is not a property of the input schema "
                            + endpoint.properties());
                }
            }
            return;
        }
        throw new DescriptorException(source, endpoint.field(), where + " has a parameter of type "
                + type.getSimpleName() + ", which the bridge cannot give; a handler takes "
                + (takesArguments ? "a record of its arguments, Arguments, Map" : "String (the URI), Map (template variables)")
                + " and ToolCallContext");
    }
}
