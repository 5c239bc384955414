package dev.mcpbridge.core.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.json.McpJsonDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code kind: sql} descriptors: what they become, and each mistake refused with the field that holds it. */
class SqlKindTest {

    private static final String BASE = """
            adapter: shop
            kind: sql
            description: A shop
            tools:
              - name: order_by_id
                description: One order
                statement: "SELECT * FROM orders WHERE id = :id AND note <> ':not_a_parameter'"
                parameters:
                  id: { type: integer, description: The order }
            """;

    private final AdapterLoader loader = new AdapterLoader(McpJsonDefaults.getSchemaValidator());

    private AdapterDescriptor load(String yaml) {
        return loader.load("adapters/shop.yaml", yaml, "routes/shop.yaml", null);
    }

    @Test
    void aStatementBecomesAToolWithItsParametersAsTheSchemaAndItsSettingsDeclared() {
        AdapterDescriptor d = load(BASE);
        var tool = d.tools().get(0);
        assertThat(tool.inputSchema().toString()).isEqualTo(
                "{type=object, properties={id={type=integer, description=The order}}, required=[id], "
                        + "additionalProperties=false}");
        assertThat(tool.readOnly()).isTrue();
        assertThat(d.settings()).containsKeys("url", "username", "password");
        assertThat(d.settings().get("password").secret()).isTrue();
        assertThat(d.settings().get("url").env()).isEqualTo("SHOP_DB_URL");
        // A ':word' inside a string literal is text, not a parameter: only :id is bound.
        assertThat(d.routesYaml()).contains("id = :#id AND note <> ':not_a_parameter'").contains("bind(${body}, 'id')");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "parameters:\\n      id: { type: integer }\\n      extra: { type: string } | tools[0].parameters.extra: is not used in the statement",
        "parameters:\\n      other: { type: integer } | tools[0].parameters.other: is not used",
        "parameters:\\n      id: { type: date } | tools[0].parameters.id.type: 'date' is not one of"})
    void aParameterMistakeNamesItsField(String parameters, String expected) {
        String yaml = BASE.replace("parameters:\n      id: { type: integer, description: The order }",
                parameters.replace("\\n", "\n"));
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(DescriptorException.class).hasMessageContaining(expected);
    }

    @Test
    void anUndeclaredParameterIsNamed() {
        String yaml = BASE.replace("    parameters:\n      id: { type: integer, description: The order }\n", "");
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(DescriptorException.class)
                .hasMessageContaining("the statement uses :id, which is not declared here");
    }

    @Test
    void anUnknownKindOrARoutesFileIsRefused() {
        assertThatThrownBy(() -> load(BASE.replace("kind: sql", "kind: graphql"))).hasMessageContaining(
                "'graphql' is not a kind of adapter this bridge knows (sql, openapi)");
        assertThatThrownBy(() -> loader.load("adapters/shop.yaml", BASE, "routes/shop.yaml", "- route: {}"))
                .hasMessageContaining("has its routes generated; remove routes/shop.yaml");
        assertThatThrownBy(() -> load(BASE + "sql: { generic: [drop_all] }\n"))
                .hasMessageContaining("sql.generic[0]: 'drop_all' is not one of");
    }
}
