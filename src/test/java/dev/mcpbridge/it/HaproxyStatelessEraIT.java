package dev.mcpbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpbridge.core.Eventually;
import dev.mcpbridge.core.StatelessRequests;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * MCP 2026-07-28 across two instances behind HAProxy round robin with no session affinity (the shipped
 * {@code bridges_stateless} backend), on bridges in their default mode (both eras on one endpoint): consecutive
 * requests land on different instances and every one is answered, including a three-round input-required call
 * whose signed request state was issued by one instance and resumed by the other (they share
 * {@code MCP_BRIDGE_STATE_KEY}). Not timed.
 */
class HaproxyStatelessEraIT {

    private static final String TOKEN = "era-token-" + Long.toHexString(System.nanoTime());
    private static final String STATE_KEY = "state-key-" + Long.toHexString(System.nanoTime());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void roundRobinWithoutAffinityServesEveryRequestAndResumesInputRequestsAnywhere() throws Exception {
        Assumptions.assumeTrue(Haproxy.executable().isPresent(),
                "haproxy is not installed (Debian package 'haproxy'; .ci/run installs it)");
        Map<String, String> env = Map.of("MCP_BRIDGE_STATE_KEY", STATE_KEY);
        try (HttpBridge one = HttpBridge.start("HaproxyStatelessEraIT.bridge1", env, "--http-token", TOKEN);
                HttpBridge two = HttpBridge.start("HaproxyStatelessEraIT.bridge2", env, "--http-token", TOKEN)) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("bridge1", one.port);
            ports.put("bridge2", two.port);
            try (Haproxy haproxy = Haproxy.start("HaproxyStatelessEraIT", "bridges_stateless", ports)) {
                Eventually.until(Duration.ofSeconds(120), () -> haproxy.allUp("bridges_stateless", ports.keySet()));
                String url = haproxy.url("/mcp");

                Set<String> servedBy = new LinkedHashSet<>();
                for (int i = 0; i < 4; i++) {
                    HttpResponse<String> list = post(url, request("tools/list", Map.of()));
                    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
                    assertThat(JSON.readTree(list.body()).at("/result/resultType").asText()).isEqualTo("complete");
                    servedBy.add(list.headers().firstValue("X-Served-By").orElse("?"));
                }
                assertThat(servedBy).as("instances that answered tools/list").containsExactlyInAnyOrder("bridge1",
                        "bridge2");

                List<String> rounds = new ArrayList<>();
                JsonNode a1 = round(url, Map.of(), null, rounds);
                assertThat(a1.path("resultType").asText()).isEqualTo("input_required");
                JsonNode a2 = round(url, Map.of("step1", Map.of("action", "accept", "content", Map.of("name", "Ada"))),
                        a1.path("requestState").asText(), rounds);
                assertThat(a2.path("resultType").asText()).isEqualTo("input_required");
                JsonNode done = round(url, Map.of("step2", Map.of("action", "accept", "content",
                        Map.of("color", "teal"))), a2.path("requestState").asText(), rounds);
                assertThat(done.path("resultType").asText()).isEqualTo("complete");
                assertThat(done.at("/content/0/text").asText()).contains("Ada").contains("teal");
                assertThat(new LinkedHashSet<>(rounds)).as("instances that served the rounds %s", rounds).hasSize(2);
            }
        }
    }

    /** One round of the multi-round fixture: its answers so far and state; records which instance served it. */
    private JsonNode round(String url, Map<String, Object> answers, String state, List<String> servedBy)
            throws Exception {
        Map<String, Object> params = new LinkedHashMap<>(Map.of("name", "test_input_required_result_multi_round",
                "arguments", Map.of()));
        if (state != null) {
            params.put("inputResponses", answers);
            params.put("requestState", state);
        }
        HttpResponse<String> response = post(url, request("tools/call", params));
        servedBy.add(response.headers().firstValue("X-Served-By").orElse("?"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("result");
    }

    private static ObjectNode request(String method, Map<String, Object> params) {
        return StatelessRequests.request(method, params, StatelessRequests.meta(Map.of("elicitation", Map.of())));
    }

    private static HttpResponse<String> post(String url, ObjectNode message) throws Exception {
        return StatelessRequests.post(url, message, "Authorization", "Bearer " + TOKEN);
    }
}
