package dev.mcpbridge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code kind: sql} example against a real PostgreSQL: the same descriptor, only the URL and credentials set.
 * The role owns its database, so that only the read-only transaction of {@code query} — not a missing grant —
 * stops a write that gets past the tool's own check.
 */
class SqlPostgresTest {

    private static final String PASSWORD = "pg-secret-" + Long.toHexString(System.nanoTime());

    private static PostgresServer postgres;
    private static Bridge bridge;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.start("library", "library", PASSWORD);
        postgres.psql("library", "library", Files.readString(Path.of("examples/sql/library.sql")));
        BridgeConfig config = new BridgeConfig();
        config.adapterFolders = List.of("examples/sql");
        config.adapters = List.of("library");
        bridge = Bridge.create(config, Map.of(), Map.of("LIBRARY_DB_URL", postgres.jdbcUrl(),
                "LIBRARY_DB_USER", "library", "LIBRARY_DB_PASSWORD", PASSWORD));
        bridge.camel().startNow();
    }

    @AfterAll
    static void stop() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static CallToolResult call(String tool, Map<String, Object> args) {
        return TestBridges.call(bridge, tool, args);
    }

    private static String count() {
        return TestBridges.text(call("query", Map.of("sql", "SELECT count(*) AS n FROM books")));
    }

    @Test
    void declaredStatementsAndGenericToolsWork() {
        assertThat(TestBridges.text(call("books_by_author", Map.of("author", "Alan Turing"))))
                .contains("On Computable Numbers", "2 rows");
        assertThat(TestBridges.text(call("list_tables", Map.of()))).contains("public", "books", "authors");
        assertThat(TestBridges.text(call("describe_table", Map.of("table", "books")))).contains("title",
                "character varying");
        assertThat(TestBridges.text(call("set_pages", Map.of("id", 4, "pages", 13)))).isEqualTo("1 row changed");
    }

    @Test
    void aWriteThatPassesTheToolsCheckIsRefusedByTheReadOnlyTransaction() {
        String before = count();
        CallToolResult write = call("query", Map.of("sql",
                "WITH gone AS (DELETE FROM books RETURNING id) SELECT count(*) FROM gone"));
        assertThat(write.isError()).isTrue();
        assertThat(TestBridges.text(write)).contains("read-only transaction").contains("SQLSTATE 25006");
        assertThat(count()).isEqualTo(before).contains("4");
    }

    @Test
    void injectionIsBoundAndTheDatabaseIsUnchanged() {
        for (String attack : List.of("x' OR '1'='1", "'; DROP TABLE books; --")) {
            assertThat(TestBridges.text(call("books_by_author", Map.of("author", attack)))).contains("(no rows)");
        }
        assertThat(count()).contains("4");
    }

    @Test
    void theDatabasesErrorsAreToolErrorsWithoutThePassword() {
        CallToolResult missing = call("query", Map.of("sql", "SELECT * FROM no_such_table"));
        assertThat(missing.isError()).isTrue();
        assertThat(TestBridges.text(missing)).contains("no_such_table").contains("SQLSTATE 42P01")
                .doesNotContain(PASSWORD);
    }
}
