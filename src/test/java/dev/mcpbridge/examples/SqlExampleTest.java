package dev.mcpbridge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * examples/sql, a {@code kind: sql} adapter that is one YAML file, over its embedded H2 database: the declared
 * statements, the generic tools, and the bad-input matrix — each a clear tool error with nothing changed.
 */
class SqlExampleTest {

    private Bridge bridge;

    @BeforeEach
    void start() {
        BridgeConfig config = new BridgeConfig();
        config.adapterFolders = List.of("examples/sql");
        config.adapters = List.of("library");
        // A database of its own per test: the example's script, under another name.
        String url = "jdbc:h2:mem:library" + System.nanoTime()
                + ";DB_CLOSE_DELAY=-1;INIT=RUNSCRIPT FROM 'examples/sql/library.sql'";
        bridge = Bridge.create(config, Map.of(), Map.of("LIBRARY_DB_URL", url));
        bridge.camel().startNow();
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    private CallToolResult call(String tool, Map<String, Object> args) {
        return TestBridges.call(bridge, tool, args);
    }

    private String ok(String tool, Map<String, Object> args) {
        CallToolResult result = call(tool, args);
        assertThat(result.isError()).as("%s: %s", tool, TestBridges.text(result)).isFalse();
        return TestBridges.text(result);
    }

    private String refused(String tool, Map<String, Object> args) {
        CallToolResult result = call(tool, args);
        assertThat(result.isError()).as("%s refused: %s", tool, TestBridges.text(result)).isTrue();
        return TestBridges.text(result);
    }

    private int books() {
        CallToolResult result = call("query", Map.of("sql", "SELECT count(*) AS n FROM books"));
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) result.structuredContent();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) data.get("rows");
        return ((Number) rows.get(0).get("n")).intValue();
    }

    @Test
    void aDeclaredStatementAnswersWithATableAndRows() {
        CallToolResult result = call("books_by_author", Map.of("author", "Alan Turing"));
        assertThat(TestBridges.text(result)).contains("title", "On Computable Numbers", "2 rows");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) result.structuredContent();
        assertThat(data.get("rowCount")).isEqualTo(2);
        assertThat(data.get("rows").toString()).contains("published=1936");
        assertThat(ok("books_since", Map.of("year", 1950))).contains("Grace Hopper").doesNotContain("1936");
    }

    @Test
    void theToolsAreDerivedFromTheStatements() {
        var tool = bridge.registry().find("books_since").orElseThrow().spec();
        assertThat(tool.inputSchema().toString()).contains("year={type=integer").contains("required=[year]");
        assertThat(tool.readOnly()).isTrue();
        assertThat(bridge.registry().find("set_pages").orElseThrow().spec().readOnly()).isFalse();
        assertThat(bridge.registry().tools()).extracting(t -> t.exposedName())
                .contains("list_tables", "describe_table", "query");
    }

    @Test
    void anUpdateSaysHowManyRowsItChanged() {
        assertThat(ok("set_pages", Map.of("id", 1, "pages", 71))).isEqualTo("1 row changed");
        assertThat(ok("query", Map.of("sql", "SELECT pages FROM books WHERE id = 1"))).contains("71");
    }

    @Test
    void theGenericToolsListAndDescribe() {
        assertThat(ok("list_tables", Map.of())).contains("BOOKS", "AUTHORS");
        assertThat(ok("describe_table", Map.of("table", "BOOKS"))).contains("TITLE", "CHARACTER VARYING");
    }

    @Test
    void injectionInEveryParameterIsBoundNotSpliced() {
        for (String attack : List.of("x' OR '1'='1", "'; DROP TABLE books; --", "Alan Turing' --")) {
            assertThat(ok("books_by_author", Map.of("author", attack))).contains("(no rows)");
        }
        assertThat(books()).isEqualTo(4);
    }

    @Test
    void queryRefusesWritesAndSeveralStatementsWithNothingChanged() {
        assertThat(refused("query", Map.of("sql", "DELETE FROM books"))).contains("only reading statements");
        assertThat(refused("query", Map.of("sql", "DROP TABLE books"))).contains("only reading statements");
        assertThat(refused("query", Map.of("sql", "SELECT 1; DROP TABLE books"))).contains("one statement");
        assertThat(ok("query", Map.of("sql", "SELECT ';' AS semicolon"))).contains(";");
        assertThat(books()).isEqualTo(4);
    }

    @Test
    void badInputIsAClearToolError() {
        assertThat(refused("books_by_author", Map.of())).contains("author");
        assertThat(refused("books_since", Map.of("year", "nineteen"))).contains("year");
        assertThat(refused("query", Map.of("sql", "SELECT * FROM no_such_table"))).startsWith("the database refused the statement: ")
                .contains("SQLSTATE");
        assertThat(refused("describe_table", Map.of("table", ""))).contains("table");
    }
}
