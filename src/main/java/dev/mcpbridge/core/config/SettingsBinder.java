package dev.mcpbridge.core.config;

import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.adapter.AdapterDescriptor.SettingSpec;
import dev.mcpbridge.core.spi.AdapterRestarts;
import dev.mcpbridge.core.spi.Durations;
import dev.mcpbridge.core.spi.Secrets;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds an adapter's resolved settings, at start-up, to the records its services take in their constructors: each
 * record component is a setting declared in the descriptor (same name), converted to the component's type. A value
 * that does not convert stops start-up with the place it was set (the configuration file's line, the environment
 * variable or the {@code --set} flag; for a default, the descriptor) and the problem.
 *
 * <p>Types: String; boolean (true/false, yes/no, on/off, 1/0); int, long, double and their boxes (an unset optional setting is null
 * when boxed); {@link Duration} (500ms, 30s, 2m, plain milliseconds); an enum (its constant's name, any case);
 * {@code List<String>} (comma- or line-separated, trimmed, blanks dropped).
 */
public final class SettingsBinder {

    private SettingsBinder() {
    }

    /**
     * @param values the adapter's resolved settings (unset optional ones as empty text)
     * @return every settings record the adapter's services take, by type
     */
    public static Map<Class<?>, Object> bind(AdapterDescriptor adapter, Map<String, String> values) {
        return bind(adapter, values, setting -> null);
    }

    /**
     * @param places where the operator set each setting ({@link SettingsResolver#place}), null for a default: an
     *     error names that place, the one to fix, rather than the descriptor
     */
    public static Map<Class<?>, Object> bind(AdapterDescriptor adapter, Map<String, String> values,
            java.util.function.Function<String, String> places) {
        Map<Class<?>, Object> bound = new LinkedHashMap<>();
        List<String> services = adapter.services();
        for (String serviceName : services) {
            Class<?> service = load(adapter, serviceName);
            Constructor<?> constructor = service.getConstructors()[0];
            for (Class<?> type : constructor.getParameterTypes()) {
                if (type.isRecord()) {
                    bound.computeIfAbsent(type, t -> bindRecord(adapter, t, values, places));
                } else if (type != Secrets.class && type != AdapterRestarts.class
                        && !services.contains(type.getName())) {
                    throw new ConfigException(adapter.source() + ": services: the constructor of "
                            + service.getSimpleName() + " takes " + type.getSimpleName() + ", which is neither a "
                            + "settings record, Secrets, AdapterRestarts nor another of the adapter's services");
                }
            }
        }
        return bound;
    }

    private static Class<?> load(AdapterDescriptor adapter, String name) {
        try {
            return Class.forName(name, false, SettingsBinder.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigException(adapter.source() + ": services: class '" + name + "' is not on the class path");
        }
    }

    private static Object bindRecord(AdapterDescriptor adapter, Class<?> type, Map<String, String> values,
            java.util.function.Function<String, String> places) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            SettingSpec spec = adapter.settings().get(c.getName());
            if (spec == null) {
                throw new ConfigException(adapter.source() + ": settings: " + type.getSimpleName() + "."
                        + c.getName() + " has no setting of that name; declare it under settings (known: "
                        + adapter.settings().keySet() + ")");
            }
            String value = values.getOrDefault(c.getName(), "");
            try {
                args[i] = convert(value, c.getType(), c.getGenericType());
            } catch (IllegalArgumentException e) {
                throw refused(adapter, c.getName(), e.getMessage(), places);
            }
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            canonical.setAccessible(true);
            return canonical.newInstance(args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof dev.mcpbridge.core.spi.SettingsException s) {
                throw refused(adapter, s.setting(), s.getMessage(), places);
            }
            throw new ConfigException(adapter.source() + ": settings: " + type.getSimpleName() + " refused them: "
                    + cause.getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName(), e);
        }
    }

    /** A setting's value refused: named where the operator set it, else in the descriptor with its variable. */
    public static ConfigException refused(AdapterDescriptor adapter, String setting, String problem,
            java.util.function.Function<String, String> places) {
        String place = places.apply(setting);
        if (place != null) {
            return new ConfigException(place + ": " + problem);
        }
        SettingSpec spec = adapter.settings().get(setting);
        String env = spec == null ? null : spec.env();
        return new ConfigException(adapter.source() + ": settings." + setting + ": " + problem
                + (env == null ? "" : " (environment variable " + env + ")"));
    }

    static Object convert(String value, Class<?> type, Type generic) {
        String text = value == null ? "" : value.strip();
        if (type == String.class) {
            return value == null ? "" : value;
        }
        if (text.isEmpty()) {
            if (type.isPrimitive()) {
                throw new IllegalArgumentException("has no value; give it one");
            }
            return type == List.class ? List.of() : null;
        }
        if (type == boolean.class || type == Boolean.class) {
            return dev.mcpbridge.core.spi.Booleans.parse(value);
        }
        try {
            if (type == int.class || type == Integer.class) {
                return Integer.parseInt(text);
            }
            if (type == long.class || type == Long.class) {
                return Long.parseLong(text);
            }
            if (type == double.class || type == Double.class) {
                return Double.parseDouble(text);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a " + (type == double.class || type == Double.class
                    ? "number" : "whole number") + ", not '" + value + "'");
        }
        if (type == Duration.class) {
            return Duration.ofMillis(Durations.parseMillis(text));
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equalsIgnoreCase(text)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name()).toList() + ", not '" + value + "'");
        }
        if (type == List.class && generic instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] == String.class) {
            List<String> items = new ArrayList<>();
            for (String item : text.split("[,\\n]")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
            return List.copyOf(items);
        }
        throw new IllegalArgumentException("has a type the bridge cannot bind (" + type.getSimpleName()
                + "); use String, boolean, int, long, double, Duration, an enum or List<String>");
    }

}
