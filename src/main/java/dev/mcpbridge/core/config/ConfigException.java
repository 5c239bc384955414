package dev.mcpbridge.core.config;

/** A configuration that cannot be used; its message is shown to the operator as is. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
