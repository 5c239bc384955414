package dev.mcpbridge.wincli;

import dev.mcpbridge.core.spi.ToolException;

/** A command line refused before anything ran; the message says why, for the model and the audit log. */
public final class Refusal extends ToolException {

    private final String reason;

    public Refusal(String reason) {
        super("Refused: " + reason);
        this.reason = reason;
    }

    /** The reason without the "Refused: " prefix. */
    public String reason() {
        return reason;
    }
}
