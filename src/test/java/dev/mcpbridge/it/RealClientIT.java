package dev.mcpbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Drives the real server jar with the official MCP TypeScript SDK client ({@code src/test/js/client-check.mjs}) over
 * each transport: stdio, Streamable HTTP ({@code /mcp}) and legacy SSE ({@code /sse}), plus HTTP with a bearer token.
 * The fixture tools come from the conformance adapter in src/test/resources/conformance.
 */
class RealClientIT {

    private static final String SIMPLE_TEXT = "This is a simple text response for testing.";
    private static final String ERROR_TEXT = "This tool intentionally returns an error for testing";
    private static final long CLIENT_TIMEOUT_SECONDS = 150;

    private final ObjectMapper json = new ObjectMapper();
    private String testName;

    @BeforeEach
    void setUp(TestInfo info) {
        ItEnv.assumeJsDeps("@modelcontextprotocol/sdk");
        testName = "RealClientIT." + info.getTestMethod().orElseThrow().getName();
    }

    @Test
    void stdio() throws Exception {
        List<String> args = new ArrayList<>(List.of("stdio"));
        args.addAll(ItEnv.serverCommand());
        JsonNode report = runClient(testName, args);
        assertStandardSession(report, "stdio");
    }

    @Test
    void streamableHttp() throws Exception {
        try (HttpBridge server = HttpBridge.start(testName)) {
            JsonNode report = runClient(testName, List.of("http", server.url("/mcp")));
            assertStandardSession(report, "Streamable HTTP");
            assertThat(report.at("/initialize/sessionId").asText()).as("Mcp-Session-Id").isNotBlank();
        }
    }

    @Test
    void legacySse() throws Exception {
        try (HttpBridge server = HttpBridge.start(testName)) {
            JsonNode report = runClient(testName, List.of("sse", server.url("/sse")));
            assertStandardSession(report, "SSE");
        }
    }

    @Test
    void httpWithBearerToken() throws Exception {
        String token = "it-token-" + Long.toHexString(System.nanoTime());
        try (HttpBridge server = HttpBridge.start(testName, "--http-token", token)) {
            JsonNode withToken = runClient(testName + ".http", List.of("http", server.url("/mcp"), token));
            assertStandardSession(withToken, "Streamable HTTP with bearer token");

            JsonNode sseWithToken = runClient(testName + ".sse", List.of("sse", server.url("/sse"), token));
            assertStandardSession(sseWithToken, "SSE with bearer token");

            JsonNode without = runClient(testName + ".none", List.of("http", server.url("/mcp")));
            assertThat(without.at("/initialize/ok").asBoolean()).as("initialize without a token: %s", without)
                    .isFalse();
            assertThat(without.at("/initialize/error/code").asInt()).as("HTTP status without a token").isEqualTo(401);

            JsonNode wrong = runClient(testName + ".wrong", List.of("http", server.url("/mcp"), token + "x"));
            assertThat(wrong.at("/initialize/error/code").asInt()).as("HTTP status with a wrong token: %s", wrong)
                    .isEqualTo(401);
            // Not the empty "Error POSTing to endpoint:" a body-less 401 gives: the client shows the body's words.
            assertThat(wrong.at("/initialize/error/message").asText()).as("the client's message: %s", wrong)
                    .contains("Unauthorized (invalid_token): the token is not one of the bridge's tokens")
                    .doesNotContain(token);
        }
    }

    /** The checks every transport must pass, against the report that client-check.mjs prints. */
    private static void assertStandardSession(JsonNode r, String transport) {
        String where = transport + " report " + r;
        assertThat(r.at("/initialize/ok").asBoolean()).as("initialize ok; %s", where).isTrue();
        assertThat(r.at("/initialize/serverInfo/name").asText()).as("serverInfo.name; %s", where).isNotBlank();
        assertThat(r.at("/initialize/serverInfo/version").asText()).as("serverInfo.version; %s", where).isNotBlank();
        assertThat(r.at("/initialize/protocolVersion").asText()).as("protocolVersion; %s", where)
                .matches("\\d{4}-\\d{2}-\\d{2}");

        assertThat(r.at("/toolsList/ok").asBoolean()).as("tools/list ok; %s", where).isTrue();
        List<String> names = new ArrayList<>();
        r.at("/toolsList/names").forEach(n -> names.add(n.asText()));
        assertThat(names).as("tool names; %s", where)
                .contains("test_simple_text", "test_sampling", "test_error_handling")
                .doesNotContain("no_such_tool")
                .doesNotHaveDuplicates();

        assertThat(r.at("/simpleText/ok").asBoolean()).as("test_simple_text answered; %s", where).isTrue();
        assertThat(r.at("/simpleText/isError").asBoolean()).as("test_simple_text isError; %s", where).isFalse();
        assertThat(r.at("/simpleText/text").asText()).as("test_simple_text text; %s", where).isEqualTo(SIMPLE_TEXT);

        // Invalid arguments are a tool execution error (isError result) the model can read, not a protocol error.
        assertThat(r.at("/validation/ok").asBoolean()).as("test_sampling {} answered with a result; %s", where)
                .isTrue();
        assertThat(r.at("/validation/isError").asBoolean()).as("test_sampling {} isError; %s", where).isTrue();
        assertThat(r.at("/validation/text").asText()).as("test_sampling {} text; %s", where)
                .startsWith("Invalid arguments for tool 'test_sampling'")
                .contains("prompt");

        // An unknown tool: the server answers with a JSON-RPC error (or, acceptably, an isError result); either
        // way the tool must be named.
        JsonNode unknown = r.path("unknownTool");
        if (unknown.path("ok").asBoolean()) {
            assertThat(unknown.at("/result/isError").asBoolean()).as("no_such_tool isError; %s", where).isTrue();
            assertThat(unknown.at("/result/text").asText()).as("no_such_tool text; %s", where)
                    .contains("no_such_tool");
        } else {
            assertThat(unknown.at("/error/code").asInt()).as("no_such_tool error code; %s", where)
                    .isEqualTo(-32602);
            String described = unknown.at("/error/message").asText() + " " + unknown.at("/error/data");
            assertThat(described).as("no_such_tool error message/data; %s", where).contains("no_such_tool");
        }

        assertThat(r.at("/errorTool/ok").asBoolean()).as("test_error_handling answered; %s", where).isTrue();
        assertThat(r.at("/errorTool/isError").asBoolean()).as("test_error_handling isError; %s", where).isTrue();
        assertThat(r.at("/errorTool/text").asText()).as("test_error_handling text; %s", where).isEqualTo(ERROR_TEXT);

        assertThat(r.path("transportErrors")).as("transport errors; %s", where).isEmpty();
    }

    /** Runs {@code node client-check.mjs args...} and returns its JSON report. */
    private JsonNode runClient(String name, List<String> args) throws Exception {
        Path dir = ItEnv.logDir();
        Path out = dir.resolve(name + ".client.stdout.log");
        Path err = dir.resolve(name + ".client.stderr.log");
        List<String> command = new ArrayList<>(List.of(ItEnv.node(), "client-check.mjs"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(ItEnv.jsDir().toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Process process = builder.start();
        try {
            process.getOutputStream().close();
            boolean done = process.waitFor(CLIENT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(done).as("client-check finished within %d s; stderr (%s):%n%s", CLIENT_TIMEOUT_SECONDS, err,
                    ItEnv.tail(err, 40)).isTrue();
            assertThat(process.exitValue()).as("client-check exit code; stderr (%s):%n%s", err, ItEnv.tail(err, 40))
                    .isZero();
        } finally {
            ItEnv.stop(process);
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8).strip();
        // client-check writes exactly one line (the report) to stdout.
        assertThat(stdout).as("client-check stdout (%s)", out).isNotEmpty().doesNotContain("\n");
        return json.readTree(stdout);
    }
}
