package dev.mcpbridge.core.camel;

import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.adapter.AdapterDescriptor.HandlerBinding;
import dev.mcpbridge.core.adapter.DescriptorException;
import dev.mcpbridge.core.spi.Secrets;
import dev.mcpbridge.core.spi.SettingsException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;

/**
 * Builds one adapter's services and the routes of its handlers. Each service is made once through its public
 * constructor, which gets, by parameter type, its settings record, the bridge's {@link Secrets}, or another of the
 * adapter's services; it is registered in Camel under its class's simple name in lower camel case (so a route can
 * write {@code bean: { ref: myServiceTools, method: ... }} for a class MyServiceTools). Each handler gets the route
 * {@code from(<endpoint>) → <service>.<method>}, the same for every adapter.
 */
final class ServiceWiring {

    private final AdapterDescriptor adapter;
    private final Map<Class<?>, Object> settings;
    private final Secrets secrets;
    private final Map<Class<?>, Object> built = new LinkedHashMap<>();

    ServiceWiring(AdapterDescriptor adapter, Map<Class<?>, Object> settings, Secrets secrets) {
        this.adapter = adapter;
        this.settings = settings;
        this.secrets = secrets;
    }

    /** Builds the services and registers them; their AutoCloseable ones are returned to be closed at stop. */
    List<AutoCloseable> register(CamelContext context) {
        for (String name : adapter.services()) {
            build(type(name), new HashSet<>());
        }
        List<AutoCloseable> closeable = new ArrayList<>();
        built.forEach((type, instance) -> {
            String bean = Character.toLowerCase(type.getSimpleName().charAt(0)) + type.getSimpleName().substring(1);
            if (context.getRegistry().lookupByName(bean) != null) {
                throw new DescriptorException(adapter.source(), "services",
                        "a bean named '" + bean + "' already exists; rename " + type.getName());
            }
            context.getRegistry().bind(bean, instance);
            if (instance instanceof AutoCloseable c) {
                closeable.add(c);
            }
        });
        return closeable;
    }

    /** The routes that serve each handler endpoint. */
    RouteBuilder handlerRoutes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (HandlerBinding handler : adapter.handlers()) {
                    Class<?> type = type(handler.service());
                    Method method = handlerMethod(type, handler.method());
                    from(handler.endpoint()).routeId(adapter.name() + ":" + handler.method())
                            .process(new HandlerProcessor(built.get(type), method));
                }
            }
        };
    }

    private Object build(Class<?> type, Set<Class<?>> making) {
        Object done = built.get(type);
        if (done != null) {
            return done;
        }
        if (!making.add(type)) {
            throw new DescriptorException(adapter.source(), "services", "the constructors of " + making
                    + " need each other; break the cycle");
        }
        Constructor<?> constructor = type.getConstructors()[0];
        Object[] args = new Object[constructor.getParameterCount()];
        Class<?>[] types = constructor.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (types[i] == Secrets.class) {
                args[i] = secrets;
            } else if (settings.containsKey(types[i])) {
                args[i] = settings.get(types[i]);
            } else {
                args[i] = build(types[i], making);
            }
        }
        try {
            Object instance = constructor.newInstance(args);
            built.put(type, instance);
            return instance;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SettingsException s) {
                String env = adapter.settings().containsKey(s.setting()) ? adapter.settings().get(s.setting()).env()
                        : null;
                throw new DescriptorException(adapter.source(), "settings." + s.setting(),
                        s.getMessage() + (env == null ? "" : " (environment variable " + env + ")"));
            }
            throw new DescriptorException(adapter.source(), "services", type.getSimpleName()
                    + " could not start: " + CamelRuntime.rootMessage(cause));
        } catch (ReflectiveOperationException e) {
            throw new DescriptorException(adapter.source(), "services", "cannot build " + type.getName() + ": " + e);
        }
    }

    private Class<?> type(String name) {
        try {
            return Class.forName(name, true, ServiceWiring.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new DescriptorException(adapter.source(), "services", "class '" + name + "' is not on the class path");
        }
    }

    private static Method handlerMethod(Class<?> type, String name) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new IllegalStateException(type.getName() + " lost its method " + name);
    }
}
