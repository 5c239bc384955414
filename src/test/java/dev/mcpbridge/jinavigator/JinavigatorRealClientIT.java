package dev.mcpbridge.jinavigator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpbridge.it.ItEnv;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The jinavigator adapter of the built jar, over stdio, driven by the official MCP TypeScript SDK client
 * ({@code src/test/resources/jinavigator/jinavigator-client-check.mjs}) against the loopback site of
 * {@link PageServer}. This is where jinavigator-server's empty answers and missing isError would show.
 */
class JinavigatorRealClientIT {

    private static final long CLIENT_TIMEOUT_SECONDS = 270;

    private static PageServer site;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        site = new PageServer();
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @BeforeEach
    void assumeReady() {
        ItEnv.assumeJsDeps("@modelcontextprotocol/sdk");
    }

    @Test
    void theTypeScriptClientUsesEveryToolAndTheResourceTemplate() throws Exception {
        JsonNode r = runClient();
        String where = "report " + r;
        assertThat(r.at("/initialize/ok").asBoolean()).as("initialize; %s", where).isTrue();
        assertThat(r.path("transportErrors")).as("transport errors (stdout must carry only the protocol); %s", where)
                .isEmpty();
        List<String> names = new ArrayList<>();
        r.at("/toolsList/names").forEach(n -> names.add(n.asText()));
        assertThat(names).containsExactlyInAnyOrder("convert_web_to_markdown", "access_jina_resource",
                "multi_convert", "extract_markdown_outline");
        assertThat(r.at("/templates/uriTemplates/0").asText()).isEqualTo("jina://{+url}");

        JsonNode convert = r.path("convert");
        assertThat(convert.path("isError").asBoolean()).as(where).isFalse();
        assertThat(convert.path("text").asText()).as("the Markdown is not empty; %s", where)
                .startsWith("# Tide Pools of the North Coast").contains("Volunteers log every species")
                .doesNotContain("Celebrity gossip");
        assertThat(r.at("/convertLines/text").asText()).isEqualTo("# Tide Pools of the North Coast");
        assertThat(r.at("/convertMissing/isError").asBoolean()).as("a 404 is isError; %s", where).isTrue();
        assertThat(r.at("/convertMissing/text").asText()).contains("HTTP 404");
        assertThat(r.at("/access/text").asText()).isEqualTo(convert.path("text").asText());

        JsonNode resource = r.path("resource");
        assertThat(resource.path("ok").asBoolean()).as("resources/read; %s", where).isTrue();
        assertThat(resource.path("mimeType").asText()).isEqualTo("text/markdown");
        assertThat(resource.path("text").asText()).isEqualTo(convert.path("text").asText());

        JsonNode multi = r.path("multi");
        assertThat(multi.path("isError").asBoolean()).as(where).isFalse();
        JsonNode results = multi.at("/structuredContent/results");
        assertThat(results.size()).isEqualTo(3);
        assertThat(results.get(0).path("content").asText()).isEqualTo("# Tide Pools of the North Coast");
        assertThat(results.get(1).path("success").asBoolean()).isFalse();
        assertThat(results.get(2).path("content").asText()).startsWith("line one");
        // Every progress notification, whether the client handled it before the result or, racing it, after
        // (the TypeScript SDK's issue #2580: the server wrote them all before the result).
        List<JsonNode> progress = new java.util.ArrayList<>();
        multi.path("progress").forEach(progress::add);
        r.path("lateProgress").forEach(progress::add);
        assertThat(progress).as("progress notifications; %s", where).hasSize(3);
        assertThat(progress.stream().map(p -> p.path("progress").asInt()).sorted().toList()).containsExactly(1, 2, 3);
        assertThat(progress).allMatch(p -> p.path("total").asInt() == 3);

        JsonNode outline = r.at("/outline/structuredContent/results/0");
        assertThat(outline.path("success").asBoolean()).as(where).isTrue();
        assertThat(outline.at("/outline/0/text").asText()).isEqualTo("Tide Pools of the North Coast");
        assertThat(outline.at("/outline/0/children/0/text").asText()).isEqualTo("Where to look");

        assertThat(r.at("/validation/isError").asBoolean()).as("invalid arguments; %s", where).isTrue();
        assertThat(r.at("/validation/text").asText()).contains("urls");
    }

    private JsonNode runClient() throws Exception {
        URL url = getClass().getClassLoader().getResource("jinavigator/jinavigator-client-check.mjs");
        assertThat(url).isNotNull();
        Path logs = ItEnv.logDir();
        Path out = logs.resolve("JinavigatorRealClientIT.client.stdout.log");
        Path err = logs.resolve("JinavigatorRealClientIT.client.stderr.log");
        List<String> command = new ArrayList<>(List.of(ItEnv.node(), Path.of(url.toURI()).toString()));
        command.addAll(ItEnv.serverCommand("--adapter", "jinavigator"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ItEnv.jsDir().toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE).redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        env.put("MCP_SDK_DIR", ItEnv.jsDir().toString());
        env.put("CLIENT_CHECK_TIMEOUT_MS", "90000"); // a loaded CI machine may take long to boot the JVM
        env.put("SITE", "http://" + site.hostPort());
        env.put("JINA_ALLOW_HOSTS", site.hostPort());
        env.remove("JINA_ALLOW_PRIVATE");
        env.remove("JINA_BACKEND");
        env.remove("HTTPS_PROXY");
        Process process = builder.start();
        try {
            process.getOutputStream().close();
            boolean done = process.waitFor(CLIENT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(done).as("client finished; stderr:%n%s", ItEnv.tail(err, 40)).isTrue();
            assertThat(process.exitValue()).as("client exit code; stderr:%n%s", ItEnv.tail(err, 40)).isZero();
        } finally {
            ItEnv.stop(process);
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8).strip();
        assertThat(stdout).as("client stdout (%s)", out).isNotEmpty().doesNotContain("\n");
        return json.readTree(stdout);
    }
}
