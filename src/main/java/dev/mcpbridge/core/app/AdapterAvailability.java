package dev.mcpbridge.core.app;

import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.config.ConfigException;
import dev.mcpbridge.core.spi.Availability;
import java.lang.reflect.InvocationTargetException;
import java.util.Collections;
import java.util.Map;
import java.util.function.Supplier;

/** Asks an adapter's {@link Availability} (its descriptor's {@code availability:}) whether it can be served here. */
final class AdapterAvailability {

    private AdapterAvailability() {
    }

    /** Why the adapter cannot be served here, or null when it can (or declares no check). */
    static String unavailable(AdapterDescriptor adapter, Map<String, String> settings) {
        if (adapter.availability() == null) {
            return null;
        }
        return check(adapter).unavailable(Collections.unmodifiableMap(settings));
    }

    /**
     * The reason an adapter nobody asked for is not served: the check's answer when it has one, else {@code hint}.
     * Asked on first use only (a check may start a process) and then kept.
     */
    static Supplier<String> lazyReason(AdapterDescriptor adapter, Map<String, String> settings, String hint) {
        if (adapter.availability() == null) {
            return () -> hint;
        }
        return new Supplier<>() {
            private String reason;

            @Override
            public synchronized String get() {
                if (reason == null) {
                    String why = unavailable(adapter, settings);
                    reason = why == null ? hint : why;
                }
                return reason;
            }
        };
    }

    private static Availability check(AdapterDescriptor adapter) {
        String name = adapter.availability();
        String where = adapter.source() + ": availability: ";
        try {
            Class<?> type = Class.forName(name, true, AdapterAvailability.class.getClassLoader());
            if (!Availability.class.isAssignableFrom(type)) {
                throw new ConfigException(where + name + " does not implement " + Availability.class.getName());
            }
            return (Availability) type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new ConfigException(where + "class '" + name + "' is not on the class path");
        } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
            throw new ConfigException(where + name + " needs a public constructor without arguments");
        } catch (InvocationTargetException e) {
            throw new ConfigException(where + name + " could not be built: " + e.getCause().getMessage());
        }
    }
}
