package dev.mcpbridge.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpbridge.core.adapter.AdapterDescriptor.Annotations;
import dev.mcpbridge.core.adapter.AdapterDescriptor.ToolSpec;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.config.ConfigException;
import dev.mcpbridge.core.config.ConfigLoader;
import dev.mcpbridge.core.registry.RegisteredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessRulesTest {

    private static final RegisteredTool READ_FILE = tool("filesystem", "read_file", true, null);
    private static final RegisteredTool WRITE_FILE = tool("filesystem", "write_file", false, null);
    private static final RegisteredTool EXECUTE = tool("win-cli", "execute_command", false, null);
    private static final RegisteredTool GET_ISSUE = tool("github", "get_issue", true, "issues");
    private static final RegisteredTool MERGE = tool("github", "merge_pull_request", false, "pull_requests");

    private static final Caller CI = Caller.token("ci");
    private static final Caller ALICE = new Caller(Caller.Kind.OAUTH, "alice", "roo", Set.of("mcp"), Set.of("ops"));
    private static final Caller BOB = new Caller(Caller.Kind.OAUTH, "bob", "roo", Set.of("mcp"), Set.of("dev"));

    @TempDir
    Path dir;

    private static RegisteredTool tool(String adapter, String name, boolean readOnly, String toolset) {
        return new RegisteredTool(adapter, name, new ToolSpec(name, null, "", new Annotations(readOnly, null, null,
                null), "direct:" + name, Map.of("type", "object"), null, null, null, toolset), Duration.ofSeconds(5));
    }

    private AccessRules rules(String yaml) throws Exception {
        Path file = dir.resolve("mcp-bridge.yaml");
        Files.writeString(file, yaml);
        BridgeConfig config = new ConfigLoader(Map.of()).load(file);
        return AccessRules.from(config, List.of("filesystem", "win-cli", "github"),
                List.of("issues", "pull_requests", "repos"),
                List.of("read_file", "write_file", "execute_command", "get_issue", "merge_pull_request"));
    }

    @Test
    void withoutRulesEveryCallerMayCallEverythingUnlessOAuthIsOn() throws Exception {
        AccessRules open = rules("access: {}\n");
        assertThat(open.allows(CI, EXECUTE)).isTrue();
        assertThat(open.restricts()).isFalse();

        AccessRules oauth = rules("oauth: { issuer: 'https://login.example' }\n");
        assertThat(oauth.allows(ALICE, READ_FILE)).isFalse();
        assertThat(oauth.allows(CI, READ_FILE)).isFalse();
        assertThat(oauth.allows(Caller.LOCAL, EXECUTE)).as("the local user").isTrue();
        assertThat(rules("oauth: { issuer: 'https://login.example' }\naccess: { default: allow }\n")
                .allows(ALICE, EXECUTE)).isTrue();
    }

    @Test
    void anAllowNarrowsTheMatchedCallerAndLeavesOthersToTheDefault() throws Exception {
        AccessRules rules = rules("""
                access:
                  rules:
                    - caller: { token: ci }
                      allow: { adapters: [filesystem], readOnly: true }
                """);

        assertThat(rules.allows(CI, READ_FILE)).isTrue();
        assertThat(rules.allows(CI, WRITE_FILE)).as("not read-only").isFalse();
        assertThat(rules.allows(CI, EXECUTE)).as("another adapter").isFalse();
        assertThat(rules.allows(Caller.token("ops"), EXECUTE)).as("no rule: the default, allow").isTrue();
    }

    @Test
    void rulesOnGroupsScopesSubjectsAndToolsetsAddUpAndADenyWins() throws Exception {
        AccessRules rules = rules("""
                oauth: { issuer: 'https://login.example' }
                access:
                  rules:
                    - caller: { group: ops }
                      allow: { adapters: [win-cli, filesystem] }
                    - caller: { scope: mcp }
                      allow: { toolsets: [issues] }
                    - caller: { sub: [alice, carol] }
                      deny: { tools: ['write_*'] }
                """);

        assertThat(rules.allows(ALICE, EXECUTE)).isTrue();
        assertThat(rules.allows(ALICE, GET_ISSUE)).isTrue();
        assertThat(rules.allows(ALICE, WRITE_FILE)).as("denied by name, whatever allows it").isFalse();
        assertThat(rules.allows(ALICE, MERGE)).isFalse();
        assertThat(rules.allows(BOB, GET_ISSUE)).isTrue();
        assertThat(rules.allows(BOB, EXECUTE)).as("not in ops").isFalse();
    }

    @Test
    void aDenyAloneKeepsTheDefaultForTheRest() throws Exception {
        AccessRules rules = rules("""
                access:
                  rules:
                    - caller: { local: false }
                      deny: { readOnly: false }
                """);

        assertThat(rules.allows(CI, READ_FILE)).isTrue();
        assertThat(rules.allows(CI, MERGE)).as("every tool that writes").isFalse();
        assertThat(rules.allows(Caller.LOCAL, MERGE)).as("the rule is not the local user's").isTrue();
    }

    @Test
    void theLocalUserIsBoundOnlyByRulesThatMatchIt() throws Exception {
        AccessRules rules = rules("""
                access:
                  rules:
                    - caller: { local: true }
                      allow: { tools: ['read_*', 'get_?ssue'] }
                """);

        assertThat(rules.allows(Caller.LOCAL, READ_FILE)).isTrue();
        assertThat(rules.allows(Caller.LOCAL, GET_ISSUE)).isTrue();
        assertThat(rules.allows(Caller.LOCAL, WRITE_FILE)).isFalse();
        assertThat(rules.allows(CI, WRITE_FILE)).isTrue();
    }

    @Test
    void aRuleForEveryoneMatchesEveryone() throws Exception {
        AccessRules rules = rules("""
                access:
                  rules:
                    - deny: { adapters: [win-cli] }
                """);

        assertThat(rules.allows(Caller.LOCAL, EXECUTE)).isFalse();
        assertThat(rules.allows(CI, EXECUTE)).isFalse();
        assertThat(rules.allows(CI, READ_FILE)).isTrue();
    }

    @Test
    void aMistakeStopsStartUpWithOneLineNamingWhere() throws Exception {
        assertThatThrownBy(() -> rules("access:\n  rules:\n    - caller: { grup: ops }\n      allow: {}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mcp-bridge.yaml:3:")
                .hasMessageContaining("access.rules[0].caller.grup: unknown field (did you mean 'group'?)");
        assertThatThrownBy(() -> rules("access:\n  rules:\n    - caller: { token: ci }\n"))
                .hasMessageContaining("access.rules[0]: a rule needs allow: or deny:");
        assertThatThrownBy(() -> rules("access:\n  rules:\n    - allow: { adapters: [filesytem] }\n"))
                .hasMessageContaining("access.rules[0].allow.adapters[0]: no adapter is named 'filesytem' "
                        + "(did you mean 'filesystem'?)");
        assertThatThrownBy(() -> rules("access:\n  rules:\n    - deny: { tools: [rm_file] }\n"))
                .hasMessageContaining("access.rules[0].deny.tools[0]: no tool is named 'rm_file'");
        assertThatThrownBy(() -> rules("access:\n  rules:\n    - allow: { toolsets: [issue] }\n"))
                .hasMessageContaining("no toolset is named 'issue' (did you mean 'issues'?)");
        assertThatThrownBy(() -> rules("access: { default: maybe }\n"))
                .hasMessageContaining("access.default: expected allow or deny, got 'maybe'");
        assertThatThrownBy(() -> rules("acess: {}\n")).hasMessageContaining("did you mean 'access'?");
        for (String bad : List.of("access:\n  rules:\n    - caller: { grup: ops }\n      allow: {}\n",
                "access:\n  rules:\n    - allow: { adapters: [filesytem] }\n")) {
            assertThatThrownBy(() -> rules(bad)).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void theRefusalNamesTheToolTheCallerAndWhereItIsDecided() {
        assertThat(AccessRules.refusal(ALICE, WRITE_FILE)).contains("'write_file'").contains("oauth:alice")
                .contains("access:");
    }
}
