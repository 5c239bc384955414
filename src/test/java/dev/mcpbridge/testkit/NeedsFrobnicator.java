package dev.mcpbridge.testkit;

import dev.mcpbridge.core.spi.Availability;
import java.util.Map;

/** A test adapter's availability check: served only once its {@code frobnicator} setting names one. */
public final class NeedsFrobnicator implements Availability {

    @Override
    public String unavailable(Map<String, String> settings) {
        return settings.getOrDefault("frobnicator", "").isBlank()
                ? "no frobnicator was found; install one or set frob.frobnicator" : null;
    }
}
