package dev.mcpbridge.searxng;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * The aggregation strategy of the split in {@code direct:searxng.ask_instances}: records each instance's outcome in
 * the call's {@link InstanceCalls} (exchange property {@code calls}). An instance skipped by failover left no
 * outcome, only its own address as the body, and is not recorded.
 */
public final class SearxAnswers implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange aggregated, Exchange next) {
        InstanceCalls calls = next.getProperty("calls", InstanceCalls.class);
        if (next.getMessage().getBody() instanceof InstanceCalls.Outcome outcome) {
            calls.record(outcome);
        }
        return aggregated == null ? next : aggregated;
    }
}
