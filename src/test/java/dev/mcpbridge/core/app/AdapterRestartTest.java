package dev.mcpbridge.core.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.config.ConfigLoader;
import dev.mcpbridge.core.invoke.CallContext;
import dev.mcpbridge.core.spi.AdapterRestarts.Outcome;
import dev.mcpbridge.core.spi.AdapterRestarts.Status;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core's restart hook: an adapter's settings read again from the configuration file, its services rebuilt
 * behind the same tools, its routes file reloaded; and positional arguments given to every adapter that takes them.
 */
class AdapterRestartTest {

    @TempDir
    Path tmp;

    private static String text(CallToolResult r) {
        return ((TextContent) r.content().get(0)).text();
    }

    private static CallToolResult call(Bridge bridge, String tool, Map<String, Object> args) {
        return bridge.invoker().call(bridge.registry().find(tool).orElseThrow(), args, CallContext.detached(tool))
                .block();
    }

    @Test
    void aRestartReadsTheChangedFileAndRebuildsTheServices() throws Exception {
        Path a = Files.createDirectory(tmp.resolve("a"));
        Path b = Files.createDirectory(tmp.resolve("b"));
        Files.writeString(b.resolve("x.txt"), "in b\n");
        Path file = tmp.resolve("mcp-bridge.yaml");
        Files.writeString(file, "adapters: [quickfiles, filesystem]\nsettings:\n  quickfiles: { directories: \"" + a
                + "\" }\n  filesystem: { directories: \"" + a + "\" }\n");
        BridgeConfig config = new ConfigLoader(Map.of()).load(file);
        try (Bridge bridge = Bridge.create(config, Map.of(), Map.of())) {
            bridge.camel().startNow();
            Map<String, Object> read = Map.of("paths", List.of(b.resolve("x.txt").toString()));
            assertThat(text(call(bridge, "read_multiple_files", read))).contains("outside the allowed directories");

            Files.writeString(file, "adapters: [quickfiles, filesystem]\nsettings:\n  quickfiles: { directories: \""
                    + b + "\" }\n  filesystem: { directories: \"" + b + "\" }\n");
            Outcome restarted = bridge.camel().restart("quickfiles");
            assertThat(restarted.status()).as(restarted.message()).isEqualTo(Status.RESTARTED);
            assertThat(text(call(bridge, "read_multiple_files", read))).contains("1 | in b");

            // filesystem has no routes of its own since the adapter contract: its services are rebuilt, nothing else.
            Outcome fs = bridge.camel().restart("filesystem");
            assertThat(fs.status()).as(fs.message()).isEqualTo(Status.RESTARTED);
            assertThat(fs.message()).isEqualTo("settings read again, services rebuilt");
            assertThat(text(call(bridge, "read_text_file", Map.of("path", b.resolve("x.txt").toString()))))
                    .isEqualTo("in b\n");

            assertThat(bridge.camel().restart("nope").status()).isEqualTo(Status.NOT_SERVED);

            Files.writeString(file, "settings:\n  quickfiles: { directories: \"" + tmp.resolve("missing") + "\" }\n");
            Outcome failed = bridge.camel().restart("quickfiles");
            assertThat(failed.status()).isEqualTo(Status.FAILED);
            assertThat(failed.message()).contains("missing");
            // The failed restart left the running services in place.
            assertThat(text(call(bridge, "read_multiple_files", read))).contains("1 | in b");
        }
    }

    @Test
    void positionalArgumentsGoToEveryAdapterThatTakesThem() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("d"));
        Files.writeString(dir.resolve("f.txt"), "hello\n");
        BridgeConfig config = new BridgeConfig();
        config.adapters = List.of("filesystem", "quickfiles");
        try (Bridge bridge = Bridge.create(config, Map.of(), Map.of(), List.of(dir.toString()))) {
            bridge.camel().startNow();
            String path = dir.resolve("f.txt").toString();
            assertThat(text(call(bridge, "read_text_file", Map.of("path", path)))).isEqualTo("hello\n");
            // Served together, quickfiles' read_multiple_files yields the name to filesystem's (the clash rule).
            assertThat(text(call(bridge, "quickfiles_read_multiple_files", Map.of("paths", List.of(path)))))
                    .isEqualTo("--- " + path + " ---\n1 | hello");
        }
    }
}
