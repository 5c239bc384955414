package dev.mcpbridge.searxng;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpbridge.core.spi.ToolException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.BiFunction;

/**
 * Asks the configured instances: in order until one answers (failover), or all at once (fanout). Turns each
 * instance's HTTP outcome into JSON or an {@link InstanceFailure} that says what an operator should do about it.
 */
final class SearxGateway {

    enum Mode { failover, fanout }

    /** One instance's JSON answer. */
    record Answered(SearxInstance instance, JsonNode json) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_JSON_BYTES = 16L * 1024 * 1024;

    private final List<SearxInstance> instances;
    private final SearxHttp http;
    private final Duration timeout;
    private final ExecutorService executor;

    SearxGateway(List<SearxInstance> instances, SearxHttp http, Duration timeout, ExecutorService executor) {
        this.instances = instances;
        this.http = http;
        this.timeout = timeout;
        this.executor = executor;
    }

    List<SearxInstance> instances() {
        return instances;
    }

    /**
     * @param check a further check of an instance's answer (e.g. "every engine failed"); returns null if fine
     */
    Answered failover(String pathAndQuery, BiFunction<SearxInstance, JsonNode, String> check) {
        List<String> failures = new ArrayList<>();
        for (SearxInstance instance : instances) {
            try {
                JsonNode json = fetch(instance, pathAndQuery);
                String problem = check.apply(instance, json);
                if (problem == null) {
                    return new Answered(instance, json);
                }
                failures.add(instance + ": " + problem);
            } catch (InstanceFailure e) {
                failures.add(instance + ": " + e.getMessage());
            }
        }
        throw allFailed(failures);
    }

    /** Every instance at once; the successful answers, and the failures as messages. */
    Map<String, Object> fanout(String pathAndQuery, BiFunction<SearxInstance, JsonNode, String> check,
            List<Answered> answered) {
        List<CompletableFuture<Object>> calls = new ArrayList<>();
        for (SearxInstance instance : instances) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    JsonNode json = fetch(instance, pathAndQuery);
                    String problem = check.apply(instance, json);
                    return problem == null ? new Answered(instance, json) : instance + ": " + problem;
                } catch (InstanceFailure e) {
                    return instance + ": " + e.getMessage();
                }
            }, executor));
        }
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<Object> call : calls) {
            Object outcome = call.join();
            if (outcome instanceof Answered a) {
                answered.add(a);
            } else {
                failures.add(String.valueOf(outcome));
            }
        }
        if (answered.isEmpty()) {
            throw allFailed(failures);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("failures", failures);
        return result;
    }

    JsonNode fetch(SearxInstance instance, String pathAndQuery) throws InstanceFailure {
        SearxHttp.Answer answer;
        try {
            answer = http.get(instance.resolve(pathAndQuery), instance.authorization(), "application/json", timeout,
                    MAX_JSON_BYTES);
        } catch (HttpTimeoutException e) {
            throw new InstanceFailure("no answer within " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            throw new InstanceFailure("cannot connect");
        } catch (IOException e) {
            throw new InstanceFailure("connection failed (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstanceFailure("interrupted");
        }
        int status = answer.status();
        if (status == 403 && pathAndQuery.contains("format=json")) {
            throw new InstanceFailure("HTTP 403: the instance does not serve JSON; its operator must add 'json' to "
                    + "search.formats in settings.yml (formats: [html, json])");
        }
        if (status == 401) {
            throw new InstanceFailure("HTTP 401: the instance needs credentials (put user:password@ in SEARXNG_URL)");
        }
        if (status == 429) {
            throw new InstanceFailure("HTTP 429: the instance is rate-limiting this client (its limiter)");
        }
        if (status >= 300 && status < 400) {
            throw new InstanceFailure("HTTP " + status + " redirect to " + answer.header("Location")
                    + "; set SEARXNG_URL to the final address");
        }
        if (status != 200) {
            throw new InstanceFailure("HTTP " + status);
        }
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new InstanceFailure("the answer is not valid JSON");
        }
    }

    private static ToolException allFailed(List<String> failures) {
        return new ToolException((failures.size() == 1 ? "The SearXNG instance failed: "
                : "Every SearXNG instance failed:\n- ") + String.join("\n- ", failures));
    }
}
