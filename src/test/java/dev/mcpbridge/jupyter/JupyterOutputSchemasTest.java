package dev.mcpbridge.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tools that declare an output schema, called through a real bridge over the shared Jupyter Server: the
 * bridge checks every answer against the schema (a mismatch is an error result), and the structured content is
 * what the text says.
 */
@SuppressWarnings("unchecked")
class JupyterOutputSchemasTest {

    private static Bridge bridge;

    @BeforeAll
    static void start() {
        ManagedServer server = SharedJupyter.server();
        SharedJupyter.folder("schemas");
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("serverUrl", server.url());
        settings.put("serverToken", server.token());
        settings.put("notebookDir", SharedJupyter.root().toString());
        bridge = TestBridges.builtIn("jupyter", settings);
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private static Map<String, Object> call(String tool, Map<String, Object> args) {
        CallToolResult result = TestBridges.call(bridge, tool, args);
        assertThat(result.isError()).as("%s answered %s", tool, TestBridges.text(result))
                .isFalse();
        assertThat(result.structuredContent()).as("%s declares an output schema", tool).isNotNull();
        return (Map<String, Object>) result.structuredContent();
    }

    @Test
    void notebookToolsAnswerAsTheirSchemasSay() {
        String nb = "schemas/s.ipynb";
        assertThat(call("create_notebook", Map.of("path", nb))).containsEntry("path", nb).containsEntry("cell_count", 0);
        call("add_cell", Map.of("path", nb, "cell_type", "code", "source", "1+1"));
        call("add_cell", Map.of("path", nb, "cell_type", "markdown", "source", "# t", "index", 0));
        call("update_cell", Map.of("path", nb, "index", 1, "source", "2+2"));
        call("move_cell", Map.of("path", nb, "from", 0, "to", 1));
        call("clear_outputs", Map.of("path", nb));
        assertThat(call("remove_cell", Map.of("path", nb, "index", 1))).containsEntry("cell_count", 1);
        for (String mode : List.of("list", "all")) {
            assertThat(call("read_cells", Map.of("path", nb, "mode", mode))).containsEntry("cell_count", 1);
        }
        assertThat(call("read_cells", Map.of("path", nb, "mode", "single", "index", 0))).containsKey("cell");
        assertThat(call("read_cells", Map.of("path", nb, "mode", "range", "start_index", 0))).containsKey("cells");
        for (String mode : List.of("metadata", "outputs", "validate", "full")) {
            assertThat(call("inspect_notebook", Map.of("path", nb, "mode", mode))).containsEntry("mode", mode);
        }
        Map<String, Object> info = call("get_notebook_info", Map.of("path", nb));
        assertThat((Map<String, Object>) info.get("cell_types")).containsEntry("code", 1);
        Map<String, Object> listed = call("list_notebook_files", Map.of("directory", "schemas"));
        assertThat(listed).containsEntry("count", 1);
        Map<String, Object> content = new LinkedHashMap<>(Map.of("nbformat", 4, "nbformat_minor", 5,
                "metadata", Map.of(), "cells", List.of()));
        call("write_notebook", Map.of("path", "schemas/w.ipynb", "content", content));
    }

    @Test
    void serverJobAndStatusToolsAnswerAsTheirSchemasSay() {
        String nb = "schemas/jobs.ipynb";
        call("create_notebook", Map.of("path", nb));
        call("add_cell", Map.of("path", nb, "cell_type", "code", "source", "print(6 * 7)"));
        assertThat((Map<String, Object>) call("read_notebook", Map.of("path", nb)).get("file_info"))
                .containsEntry("cell_count", 1);
        assertThat((Map<String, Object>) call("system_info", Map.of()).get("jupyter")).containsEntry("mode", "existing");
        assertThat(call("start_jupyter_server", Map.of())).containsEntry("status", "existing_server");
        call("debug_list_runtime_dir", Map.of());
        // execute_notebook answers with a ready result (text), not structured content; the job it starts is followed.
        String job = TestBridges.text(TestBridges.call(bridge, "execute_notebook", Map.of("input_path", nb,
                "mode", "async"))).replaceAll("(?s).*\"job_id\" : \"([^\"]+)\".*", "$1");
        assertThat(call("manage_async_job", Map.of("action", "status", "job_id", job))).containsEntry("job_id", job);
        assertThat(call("manage_async_job", Map.of("action", "list")).get("jobs").toString()).contains(job);
        assertThat(call("get_execution_status", Map.of())).containsKey("kernels");
    }

    @Test
    void kernelToolsAnswerAsTheirSchemasSay() {
        Map<String, Object> started = call("manage_kernel", Map.of("action", "start"));
        String id = (String) started.get("kernel_id");
        assertThat(call("list_kernels", Map.of()).get("active_kernels").toString()).contains(id);
        assertThat(call("get_kernel_status", Map.of("kernel_id", id))).containsEntry("status", "active");
        assertThat(call("get_kernel_status", Map.of("kernel_id", "no-such"))).containsEntry("status", "not_found");
        assertThat(call("stream_execute", Map.of("kernel_id", id, "code", "1"))).containsEntry("status", "running");
        call("manage_kernel", Map.of("action", "interrupt", "kernel_id", id));
        call("manage_kernel", Map.of("action", "restart", "kernel_id", id));
        assertThat(call("cleanup_all_kernels", Map.of())).containsEntry("success", true);
    }
}
