package dev.mcpbridge.core.spi;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secret values the bridge knows (tokens from settings and the environment) and the environment variables that
 * hold them: used to redact every message that leaves the bridge and to scrub child processes' environments.
 */
public final class Secrets {

    private static final String MASK = "****";
    /** Values this short are too likely to appear by chance to be redacted. */
    private static final int MIN_LENGTH = 4;

    private final Set<String> values = ConcurrentHashMap.newKeySet();
    private final Set<String> envNames = ConcurrentHashMap.newKeySet();

    public void add(String envName, String value) {
        if (envName != null) {
            envNames.add(envName);
        }
        if (value != null && value.length() >= MIN_LENGTH) {
            values.add(value);
        }
    }

    public String redact(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String result = text;
        // Longest first, so that a secret containing another is masked whole.
        for (String secret : values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            result = result.replace(secret, MASK);
        }
        return result;
    }

    /** Removes every variable that holds a secret from an environment about to be given to a child process. */
    public void scrub(Map<String, String> childEnvironment) {
        childEnvironment.keySet().removeIf(envNames::contains);
        childEnvironment.values().removeIf(values::contains);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Collection<String> envNames() {
        return Set.copyOf(envNames);
    }
}
