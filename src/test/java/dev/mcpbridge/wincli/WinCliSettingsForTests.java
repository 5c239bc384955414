package dev.mcpbridge.wincli;

import dev.mcpbridge.core.adapter.AdapterCatalog;
import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.adapter.AdapterLoader;
import dev.mcpbridge.core.config.SettingsBinder;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The win-cli settings as the bridge binds them: the descriptor's defaults, then the test's values. */
final class WinCliSettingsForTests {

    private WinCliSettingsForTests() {
    }

    static WinCliSettings of(Map<String, String> values) {
        AdapterDescriptor winCli = new AdapterCatalog(new AdapterLoader(McpJsonDefaults.getSchemaValidator()),
                "win-cli"::equals).load(List.of()).get(0);
        Map<String, String> resolved = new LinkedHashMap<>();
        winCli.settings().values().forEach(s -> resolved.put(s.name(), s.defaultValue() == null ? "" : s.defaultValue()));
        resolved.putAll(values);
        return (WinCliSettings) SettingsBinder.bind(winCli, resolved).get(WinCliSettings.class);
    }
}
