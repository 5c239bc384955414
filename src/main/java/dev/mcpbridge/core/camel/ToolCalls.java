package dev.mcpbridge.core.camel;

import java.util.Map;
import org.apache.camel.Exchange;

/**
 * What the {@code tool:} component asks of the bridge: to run a served tool as one step of the tool call that the
 * exchange is serving, through the same call route as a client's call and within that caller's reach.
 */
public interface ToolCalls {

    /** Whether the bridge serves a tool of this name at all (checked when a route naming it starts). */
    boolean serves(String tool);

    /** The served tools' names, for the message that names a misspelt one. */
    java.util.Collection<String> served();

    /**
     * Runs the step and waits for it.
     *
     * @param arguments the step's arguments, strings converted to the types the tool's input schema asks for
     * @return the step's answer: its structured content, or its text; {@code error} set when the tool failed
     * @throws dev.mcpbridge.core.spi.ToolException when the step cannot run (out of the caller's reach, nested too
     *     deeply, cancelled)
     */
    Step call(String tool, Map<String, Object> arguments, Exchange exchange);

    /** A step's answer: the structured content (a map) or the text; the tool's error message when it failed. */
    record Step(Object body, String error) {
    }
}
