package dev.mcpbridge.core.camel;

import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.adapter.AdapterDescriptor.HandlerBinding;
import dev.mcpbridge.core.adapter.DescriptorException;
import dev.mcpbridge.core.spi.AdapterRestarts;
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
 * constructor, which gets, by parameter type, its settings record, the bridge's {@link Secrets}, the bridge's
 * {@link AdapterRestarts}, or another of the adapter's services; it is registered in Camel under its class's simple name in lower camel case (so a route can
 * write {@code bean: { ref: searxngTools, method: ... }}). Each handler gets the route
 * {@code from(<endpoint>) → <service>.<method>}, the same for every adapter. A restart builds the services again
 * with new settings ({@link #rebuild}); the handler routes then call the new instances.
 */
final class ServiceWiring {

    private final AdapterDescriptor adapter;
    private final Secrets secrets;
    private final AdapterRestarts restarts;
    private Map<Class<?>, Object> settings;
    private Map<Class<?>, Object> built = new LinkedHashMap<>();
    /** What the handler routes call: replaced as a whole by a restart. */
    private volatile Map<Class<?>, Object> current = Map.of();

    ServiceWiring(AdapterDescriptor adapter, Map<Class<?>, Object> settings, Secrets secrets,
            AdapterRestarts restarts) {
        this.adapter = adapter;
        this.settings = settings;
        this.secrets = secrets;
        this.restarts = restarts;
    }

    /** Builds the services and registers them; their AutoCloseable ones are returned to be closed at stop. */
    List<AutoCloseable> register(CamelContext context) {
        buildAll();
        for (Class<?> type : built.keySet()) {
            if (context.getRegistry().lookupByName(beanName(type)) != null) {
                throw new DescriptorException(adapter.source(), "services",
                        "a bean named '" + beanName(type) + "' already exists; rename " + type.getName());
            }
        }
        return publish(context);
    }

    /**
     * Builds every service again with new settings and puts the new instances in place of the old ones (registry
     * and handler routes); returns the old AutoCloseable ones, for the caller to close once routes are reloaded.
     * When a constructor fails, nothing is replaced.
     */
    synchronized List<AutoCloseable> rebuild(CamelContext context, Map<Class<?>, Object> newSettings) {
        Map<Class<?>, Object> old = current;
        Map<Class<?>, Object> oldSettings = settings;
        settings = newSettings;
        built = new LinkedHashMap<>();
        try {
            buildAll();
        } catch (RuntimeException e) {
            settings = oldSettings;
            built = new LinkedHashMap<>(old);
            throw e;
        }
        publish(context);
        List<AutoCloseable> closeable = new ArrayList<>();
        old.values().forEach(instance -> {
            if (instance instanceof AutoCloseable c) {
                closeable.add(c);
            }
        });
        return closeable;
    }

    private void buildAll() {
        for (String name : adapter.services()) {
            build(type(name), new HashSet<>());
        }
    }

    private List<AutoCloseable> publish(CamelContext context) {
        List<AutoCloseable> closeable = new ArrayList<>();
        built.forEach((type, instance) -> {
            context.getRegistry().bind(beanName(type), instance);
            if (instance instanceof AutoCloseable c) {
                closeable.add(c);
            }
        });
        current = Map.copyOf(built);
        return closeable;
    }

    /** The current services that are AutoCloseable. */
    List<AutoCloseable> closeable() {
        List<AutoCloseable> closeable = new ArrayList<>();
        current.values().forEach(instance -> {
            if (instance instanceof AutoCloseable c) {
                closeable.add(c);
            }
        });
        return closeable;
    }

    private static String beanName(Class<?> type) {
        return Character.toLowerCase(type.getSimpleName().charAt(0)) + type.getSimpleName().substring(1);
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
                            .process(new HandlerProcessor(() -> current.get(type), method));
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
            } else if (types[i] == AdapterRestarts.class) {
                args[i] = restarts;
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
