package dev.mcpbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpbridge.core.Eventually;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Two bridge instances behind HAProxy running {@code deploy/haproxy/haproxy.cfg}; one is killed (SIGKILL) while
 * clients of the official TypeScript SDK ({@code src/test/js/failover-check.mjs}) hold a session on each. Stateful:
 * the client on the other instance keeps working, the one on the dead instance gets HTTP 404 and recovers by
 * starting a new session. Stateless: a session is bound to no instance, so both clients keep working, without a new
 * session, all their calls served by the survivor. Not timed.
 */
class HaproxyFailoverIT {

    private static final String TOKEN = "failover-token-" + Long.toHexString(System.nanoTime());
    private static final String SIMPLE_TEXT = "This is a simple text response for testing.";

    private final ObjectMapper json = new ObjectMapper();
    private String testName;

    @BeforeEach
    void setUp(TestInfo info) {
        Assumptions.assumeTrue(Haproxy.executable().isPresent(),
                "haproxy is not installed (Debian package 'haproxy'; .ci/run installs it): the failover test needs it");
        ItEnv.assumeJsDeps("@modelcontextprotocol/sdk");
        testName = "HaproxyFailoverIT." + info.getTestMethod().orElseThrow().getName();
    }

    @Test
    void statefulSessionOnTheDeadInstanceGets404AndStartsANewOne() throws Exception {
        Map<String, JsonNode> run = runFailover("bridges_stateful");
        JsonNode ready = run.get("ready");
        JsonNode done = run.get("done");
        String killed = done.get("killed").asText();
        String other = ready.get("servedBy").get(0).asText().equals(killed)
                ? ready.get("servedBy").get(1).asText() : ready.get("servedBy").get(0).asText();

        assertWorked(done.get("survivor"), other, "the session on the surviving instance");
        assertWorked(done.get("survivorAgain"), other, "the session on the surviving instance, again");
        assertThat(done.at("/orphan/ok").asBoolean()).as("the dead instance's session: %s", done).isFalse();
        assertThat(done.at("/orphan/httpStatus").asInt()).as("a session unknown to the instance that now gets it: %s",
                done).isEqualTo(404);
        JsonNode fresh = done.get("reinitialised");
        assertWorked(fresh, other, "the new session after the 404");
        assertThat(fresh.get("sessionId").asText()).isNotBlank();
        assertThat(ready.get("sessionIds").findValuesAsText("")).doesNotContain(fresh.get("sessionId").asText());
    }

    @Test
    void statelessBothClientsKeepWorkingWithoutANewSession() throws Exception {
        Map<String, JsonNode> run = runFailover("bridges_stateless");
        JsonNode done = run.get("done");
        String killed = done.get("killed").asText();
        assertThat(done.get("calls")).as("the calls after the kill: %s", done).hasSize(4);
        for (JsonNode call : done.get("calls")) {
            assertThat(call.get("ok").asBoolean()).as("a call after the kill: %s", done).isTrue();
            assertThat(call.get("text").asText()).isEqualTo(SIMPLE_TEXT);
            assertThat(call.get("servedBy").asText()).as("a call after the kill: %s", done).isNotEqualTo(killed);
        }
        assertThat(done.has("reinitialised")).as("no new session is needed: %s", done).isFalse();
    }

    private void assertWorked(JsonNode outcome, String instance, String what) {
        assertThat(outcome.get("ok").asBoolean()).as("%s: %s", what, outcome).isTrue();
        assertThat(outcome.get("text").asText()).as(what).isEqualTo(SIMPLE_TEXT);
        assertThat(outcome.get("servedBy").asText()).as(what).isEqualTo(instance);
    }

    /** Starts two instances and HAProxy, lets the client settle, kills one instance, returns the client's reports. */
    private Map<String, JsonNode> runFailover(String backend) throws Exception {
        String[] mode = backend.equals("bridges_stateless")
                ? new String[] {"--http-token", TOKEN, "--stateless"} : new String[] {"--http-token", TOKEN};
        try (HttpBridge one = HttpBridge.start(testName + ".bridge1", mode);
                HttpBridge two = HttpBridge.start(testName + ".bridge2", mode)) {
            Map<String, HttpBridge> instances = new LinkedHashMap<>();
            instances.put("bridge1", one);
            instances.put("bridge2", two);
            Map<String, Integer> ports = new LinkedHashMap<>();
            instances.forEach((name, b) -> ports.put(name, b.port));
            // Both instances take calls, and HAProxy's checks say so, before the client spreads its sessions.
            for (HttpBridge instance : instances.values()) {
                Eventually.until(Duration.ofSeconds(120), () -> healthy(instance));
            }
            try (Haproxy haproxy = Haproxy.start(testName, backend, ports)) {
                Eventually.until(Duration.ofSeconds(120), () -> haproxy.allUp(backend, instances.keySet()));
                return drive(haproxy, instances, backend.equals("bridges_stateless"));
            }
        }
    }

    private static boolean healthy(HttpBridge instance) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(instance.url("/health"))).GET()
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Map<String, JsonNode> drive(Haproxy haproxy, Map<String, HttpBridge> instances, boolean stateless)
            throws Exception {
        Path script = ItEnv.jsDir().resolve("failover-check.mjs");
        List<String> command = new ArrayList<>(List.of(ItEnv.node(), script.toString(), haproxy.url("/mcp"), TOKEN,
                stateless ? "stateless" : "stateful"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ItEnv.jsDir().toFile())
                .redirectError(ItEnv.logDir().resolve(testName + ".client.stderr.log").toFile());
        ItEnv.putNode22FirstOnPath(builder.environment());
        Process client = builder.start();
        Map<String, JsonNode> reports = new LinkedHashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.UTF_8)); Writer in = new java.io.OutputStreamWriter(client.getOutputStream(),
                        StandardCharsets.UTF_8)) {
            JsonNode ready = json.readTree(String.valueOf(out.readLine()));
            assertThat(ready.path("phase").asText()).as("the client before the kill: %s", ready).isEqualTo("ready");
            reports.put("ready", ready);
            String victim = ready.get("servedBy").get(0).asText();
            assertThat(instances).as("X-Served-By names one of the instances").containsKey(victim);
            instances.get(victim).kill();
            in.write(victim + "\n");
            in.flush();
            JsonNode done = json.readTree(String.valueOf(out.readLine()));
            assertThat(done.path("phase").asText()).as("the client after the kill: %s", done).isEqualTo("done");
            reports.put("done", done);
        } finally {
            ItEnv.stop(client);
        }
        return reports;
    }
}
