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
    /** Values of variables only guessed to be secret by their names must be longer to be masked. */
    private static final int MIN_GUESSED_LENGTH = 8;

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

    /**
     * Names that look like they hold a secret ({@code *TOKEN*}, {@code *SECRET*}, {@code *PASSWORD*},
     * {@code *PASSWD*}, {@code *CREDENTIAL*}, {@code *_KEY}, {@code *API_KEY*}...), whatever adapter they belong
     * to, if any.
     */
    public static boolean looksSecret(String name) {
        String n = name.toUpperCase(java.util.Locale.ROOT);
        return n.contains("TOKEN") || n.contains("SECRET") || n.contains("PASSWORD") || n.contains("PASSWD")
                || n.contains("CREDENTIAL") || n.endsWith("_KEY") || n.contains("_KEY_") || n.contains("APIKEY")
                || n.contains("API_KEY") || n.contains("PRIVATE_KEY") || n.endsWith("_PAT") || n.equals("PGPASS");
    }

    /**
     * Registers every variable of an environment whose name looks secret: kept from children and, when its value is
     * long enough not to appear by chance ({@value #MIN_GUESSED_LENGTH} characters), masked in output.
     */
    public void addLookingSecret(Map<String, String> environment) {
        environment.forEach((name, value) -> {
            if (looksSecret(name)) {
                envNames.add(name);
                if (value != null && value.length() >= MIN_GUESSED_LENGTH) {
                    values.add(value);
                }
            }
        });
    }

    /** Removes the variables whose names look secret, as well as those known to hold a secret. */
    public void scrubLookingSecret(Map<String, String> childEnvironment) {
        scrub(childEnvironment);
        childEnvironment.keySet().removeIf(Secrets::looksSecret);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Collection<String> envNames() {
        return Set.copyOf(envNames);
    }
}
