package dev.mcpbridge.searxng;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpbridge.core.spi.ToolException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One request to the configured instances and what each of them answered, carried through the route
 * {@code direct:searxng.ask_instances} (routes/searxng.yaml), which asks them in turn (failover) or all at once
 * (fanout). Outcomes are kept by instance position, so merged results do not depend on which instance was faster.
 */
public final class InstanceCalls {

    /** One instance's JSON answer. */
    record Answered(SearxInstance instance, JsonNode json) {
    }

    /** What one instance did: answered, or failed for a reason safe to show. */
    record Outcome(int index, Answered answered, String failure) {
    }

    private final List<SearxInstance> instances;
    private final String pathAndQuery;
    private final boolean fanout;
    private final BiFunction<SearxInstance, JsonNode, String> check;
    private final Outcome[] outcomes;
    private final String cacheKey;

    /**
     * @param check a further check of an answer (e.g. "every engine failed"); returns null if the answer is fine
     * @param cacheKey under which the tool's result may be cached, or null
     */
    InstanceCalls(List<SearxInstance> instances, String pathAndQuery, boolean fanout,
            BiFunction<SearxInstance, JsonNode, String> check, String cacheKey) {
        this.cacheKey = cacheKey;
        this.instances = instances;
        this.pathAndQuery = pathAndQuery;
        this.fanout = fanout;
        this.check = check;
        this.outcomes = new Outcome[instances.size()];
    }

    public List<SearxInstance> getInstances() {
        return instances;
    }

    public boolean isFanout() {
        return fanout;
    }

    /** True once an instance answered: failover asks no further instance. */
    public synchronized boolean isAnswered() {
        for (Outcome o : outcomes) {
            if (o != null && o.answered() != null) {
                return true;
            }
        }
        return false;
    }

    String cacheKey() {
        return cacheKey;
    }

    String pathAndQuery() {
        return pathAndQuery;
    }

    String problemWith(SearxInstance instance, JsonNode json) {
        return check.apply(instance, json);
    }

    synchronized void record(Outcome outcome) {
        outcomes[outcome.index()] = outcome;
    }

    synchronized List<Answered> answers() {
        List<Answered> answered = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o != null && o.answered() != null) {
                answered.add(o.answered());
            }
        }
        return answered;
    }

    synchronized List<String> failures() {
        List<String> failures = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o != null && o.failure() != null) {
                failures.add(instances.get(o.index()) + ": " + o.failure());
            }
        }
        return failures;
    }

    /** The first answer in instance order, or the error that lists why every instance failed. */
    Answered first() {
        List<Answered> answered = answers();
        if (answered.isEmpty()) {
            throw allFailed();
        }
        return answered.get(0);
    }

    ToolException allFailed() {
        List<String> failures = failures();
        return new ToolException((failures.size() == 1 ? "The SearXNG instance failed: "
                : "Every SearXNG instance failed:\n- ") + String.join("\n- ", failures));
    }
}
