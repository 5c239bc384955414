package dev.mcpbridge.core.spi;

import java.util.Map;

/**
 * Whether an adapter can be served on this machine, for an adapter whose service needs more than its settings (an
 * interpreter, a package). Named in the descriptor ({@code availability: <class>}), built through its public no-argument
 * constructor and asked before the adapter is served: an adapter named with {@code --adapter} that cannot be served
 * stops start-up with the reason; one nobody named is listed as not served, with the reason. Asked lazily for an
 * adapter nobody named and no setting activates, so a check that starts a process costs nothing at start-up.
 */
@FunctionalInterface
public interface Availability {

    /**
     * @param settings the adapter's resolved settings (unset optional ones as empty text)
     * @return why the adapter cannot be served here, saying how to fix it; null when it can
     */
    String unavailable(Map<String, String> settings);
}
