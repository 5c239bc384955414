package dev.mcpbridge.core.spi;

import java.util.Map;

/**
 * What a route or service class may ask of the call it serves, without knowing MCP. Found in the Camel exchange
 * property {@link #PROPERTY}; a handler method takes it by declaring a parameter of this type.
 */
public interface ToolCallContext {

    String PROPERTY = "mcpBridgeContext";

    /** Reports progress; sent to the client only when it asked for progress with a progressToken. */
    void progress(double progress, Double total, String message);

    /** Sends a log message to the client at one of the MCP levels (debug, info, notice, warning, error, ...), honouring its logging/setLevel. */
    void log(String level, String message);

    /** True once the client cancelled the call or its timeout passed: long loops should check it and stop. */
    boolean cancelled();

    /** True when the call was stopped because its timeout passed (then {@link #cancelled()} is true too). */
    default boolean timedOut() {
        return false;
    }

    /**
     * True when the call stopped to wait for the client's answers to what it asked (a 2026-07-28 client answers in
     * its next call): neither a success nor a failure of the tool.
     */
    default boolean awaitingInput() {
        return false;
    }

    /**
     * The roots the client declared (file:// URIs, for example the open workspace), kept current through
     * {@code notifications/roots/list_changed}; empty when the client offers none.
     */
    java.util.List<String> roots();

    /** Name the tool is exposed under. */
    String toolName();

    /**
     * Sends a request to the client (for example {@code sampling/createMessage} or {@code elicitation/create}) and
     * waits for its answer, as a JSON-like map. Fails with a {@link ToolException} when the client lacks the capability.
     */
    Map<String, Object> requestFromClient(String method, Map<String, Object> params);

    /**
     * The same, naming the request: a client of the 2026-07-28 revision is not sent requests while a call runs but
     * gets them in an input-required result keyed by {@code key}, and answers by that key when it calls again. A
     * handler that asks several things names each with a key of its own, stable from one call to the next.
     */
    default Map<String, Object> requestFromClient(String key, String method, Map<String, Object> params) {
        return requestFromClient(method, params);
    }

    /**
     * Several requests at once, by key, answered by key. A client of the session revisions is asked one after the
     * other; a 2026-07-28 client gets every unanswered one in a single input-required result.
     */
    default Map<String, Map<String, Object>> requestsFromClient(Map<String, ClientRequest> requests) {
        Map<String, Map<String, Object>> answers = new java.util.LinkedHashMap<>();
        requests.forEach((key, request) -> answers.put(key, requestFromClient(key, request.method(),
                request.params())));
        return answers;
    }

    /**
     * Whether the client declared the capability that {@code method} needs ({@code sampling} for
     * {@code sampling/createMessage}, {@code elicitation} for {@code elicitation/create}, {@code roots} for
     * {@code roots/list}): a tool with a fallback asks only a client that can answer.
     */
    default boolean clientSupports(String method) {
        return true;
    }

    /**
     * Adds a field to this call's line in the bridge's audit log (under {@code details}), for what only the tool
     * knows — the command a shell tool ran, its exit code. Values are masked of the bridge's secrets before they are
     * written; a null value is left out. Does nothing when no audit log is written.
     */
    default void audit(String field, Object value) {
    }

    /** The fields {@link #audit} added, in the order they were added, for the audit log. */
    default Map<String, Object> audited() {
        return Map.of();
    }

    /** A context for calls made outside any MCP session (the {@code call} command, tests). */
    static ToolCallContext detached(String toolName) {
        return new ToolCallContext() {
            private volatile boolean cancelled;

            @Override
            public void progress(double progress, Double total, String message) {
            }

            @Override
            public void log(String level, String message) {
            }

            @Override
            public boolean cancelled() {
                return cancelled;
            }

            @Override
            public String toolName() {
                return toolName;
            }

            @Override
            public Map<String, Object> requestFromClient(String method, Map<String, Object> params) {
                throw new ToolException("this call has no MCP client to ask (" + method + ")");
            }

            @Override
            public java.util.List<String> roots() {
                return java.util.List.of();
            }
        };
    }
}
