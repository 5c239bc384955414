package dev.mcpbridge.searxng;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpbridge.lib.web.WebFetcher;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks one configured instance and turns its HTTP outcome into JSON or an {@link InstanceFailure} that says what an
 * operator should do about it. Which instances are asked, in turn or at once, is the route's work
 * (routes/searxng.yaml).
 */
final class SearxGateway {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_JSON_BYTES = 16L * 1024 * 1024;

    private final List<SearxInstance> instances;
    private final WebFetcher http;
    private final Duration timeout;

    /** @param http fetches from the instances, which the operator configured, with {@link WebFetcher#getTrusted} */
    SearxGateway(List<SearxInstance> instances, WebFetcher http, Duration timeout) {
        this.instances = instances;
        this.http = http;
        this.timeout = timeout;
    }

    List<SearxInstance> instances() {
        return instances;
    }

    /** Asks one instance for the call's request; what it answered or why it failed becomes its outcome. */
    InstanceCalls.Outcome ask(SearxInstance instance, int index, InstanceCalls calls) {
        try {
            JsonNode json = fetch(instance, calls.pathAndQuery());
            String problem = calls.problemWith(instance, json);
            return problem == null ? new InstanceCalls.Outcome(index, new InstanceCalls.Answered(instance, json), null)
                    : new InstanceCalls.Outcome(index, null, problem);
        } catch (InstanceFailure e) {
            return new InstanceCalls.Outcome(index, null, e.getMessage());
        }
    }

    JsonNode fetch(SearxInstance instance, String pathAndQuery) throws InstanceFailure {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (instance.authorization() != null) {
            headers.put("Authorization", instance.authorization());
        }
        WebFetcher.Answer answer;
        try {
            answer = http.getTrusted(instance.resolve(pathAndQuery), headers, timeout, MAX_JSON_BYTES);
        } catch (WebFetcher.Unreachable e) {
            throw new InstanceFailure(switch (e.why()) {
                case TIMEOUT -> "no answer within " + timeout.toMillis() + " ms";
                case NO_CONNECTION -> "cannot connect";
                case INTERRUPTED -> "interrupted";
                case OTHER -> "connection failed (" + (e.getCause() == null ? "unknown error"
                        : e.getCause().getClass().getSimpleName()) + ")";
            });
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
}
