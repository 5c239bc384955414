package dev.mcpbridge.core;

import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Builds bridges over the test-only adapters in src/test/resources. */
public final class TestBridges {

    public static final String TESTKIT = "src/test/resources/testkit";
    public static final String CONFORMANCE = "src/test/resources/conformance";

    private TestBridges() {
    }

    public static Bridge testkit(Map<String, String> env, Consumer<BridgeConfig> tweak) {
        BridgeConfig config = new BridgeConfig();
        config.adapterFolders = List.of(TESTKIT);
        config.adapters = List.of("testkit");
        tweak.accept(config);
        return Bridge.create(config, Map.of(), env);
    }

    public static Bridge testkit() {
        return testkit(Map.of("TESTKIT_API_KEY", "sk-test-0123456789"), c -> {
        });
    }
}
