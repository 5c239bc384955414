package dev.mcpbridge.core.pipeline;

import org.apache.camel.Exchange;

/**
 * What the call route knows of one call while it runs, kept on the exchange: which tool, since when, and how it
 * ended. The audit line and the metrics are made from it.
 */
public final class CallRecord {

    /** The exchange property that holds it. */
    public static final String PROPERTY = "mcp.call";

    /** How a call ended, as metrics, traces and the audit log name it. */
    public enum Outcome {
        OK, ERROR, TIMEOUT, CANCELLED, REFUSED, INPUT_REQUIRED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String adapter;
    private final String tool;
    private final Object arguments;
    private final String client;
    private final String caller;
    private final long startNanos = System.nanoTime();
    private final java.time.Instant start = java.time.Instant.now();
    private volatile Outcome outcome = Outcome.OK;
    private volatile String errorType;
    private volatile Throwable failure;
    private volatile long durationNanos = -1;

    CallRecord(String adapter, String tool, Object arguments, String client, String caller) {
        this.caller = caller;
        this.adapter = adapter;
        this.tool = tool;
        this.arguments = arguments;
        this.client = client;
    }

    /** The first step of the route: the call's record, made from what the invoker put on the exchange. */
    public static CallRecord begin(Exchange exchange, String adapter, String tool) {
        String client = exchange.getIn().getHeader(CLIENT_HEADER, String.class);
        String caller = exchange.getIn().getHeader(CALLER_HEADER, String.class);
        CallRecord call = new CallRecord(adapter, tool, exchange.getIn().getBody(), client == null ? "local" : client,
                caller == null ? "local" : caller);
        exchange.setProperty(PROPERTY, call);
        return call;
    }

    /** The header in which the invoker names the client. */
    public static final String CLIENT_HEADER = "McpClient";

    /** The header in which the invoker names who called, as authenticated ({@code token:ci}, {@code oauth:alice}). */
    public static final String CALLER_HEADER = "McpCaller";

    static CallRecord of(Exchange exchange) {
        CallRecord call = exchange.getProperty(PROPERTY, CallRecord.class);
        if (call == null) {
            throw new IllegalStateException("the call route's first step did not run");
        }
        return call;
    }

    public String adapter() {
        return adapter;
    }

    public String tool() {
        return tool;
    }

    public java.time.Instant start() {
        return start;
    }

    /** The arguments as validated, for the audit log's digest. */
    Object arguments() {
        return arguments;
    }

    public String client() {
        return client;
    }

    /** Who called, as the transport authenticated it: {@code local}, {@code token:ci}, {@code oauth:alice}. */
    public String caller() {
        return caller;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The kind of failure (an exception's simple name, or "breaker-open"), null when the call succeeded. */
    public String errorType() {
        return errorType;
    }

    /** What the handler threw, null when it did not. */
    Throwable failure() {
        return failure;
    }

    void failed(Outcome outcome, String errorType, Throwable failure) {
        this.outcome = outcome;
        this.errorType = errorType;
        this.failure = failure;
    }

    /** Fixes the duration at the first call: the steps after the handler all see the same one. */
    long durationNanos() {
        if (durationNanos < 0) {
            durationNanos = System.nanoTime() - startNanos;
        }
        return durationNanos;
    }
}
