package dev.mcpbridge.core.spi;

/**
 * A setting whose value a service cannot use, thrown from a service's constructor at start-up. The bridge stops
 * with one line naming the descriptor, the setting (and its environment variable) and this problem, which should
 * say how to fix it.
 */
public class SettingsException extends RuntimeException {

    private final String setting;

    /** @param setting the setting's name as declared in the descriptor */
    public SettingsException(String setting, String problem) {
        super(problem);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }
}
