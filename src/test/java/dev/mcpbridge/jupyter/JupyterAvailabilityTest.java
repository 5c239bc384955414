package dev.mcpbridge.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Served only where there is a Jupyter Server to use or a Python to run one; elsewhere listed with the reason. */
class JupyterAvailabilityTest {

    private static final String NO_PYTHON = "/nonexistent/python3";
    private final JupyterAvailability check = new JupyterAvailability();

    @Test
    void anExistingServerIsEnoughWhateverThePython() {
        assertThat(check.unavailable(Map.of("serverUrl", "http://127.0.0.1:8888/", "python", NO_PYTHON))).isNull();
    }

    @Test
    void withoutAServerItNeedsAPythonThatRunsOne() {
        assertThat(check.unavailable(Map.of("serverUrl", "", "python", NO_PYTHON)))
                .startsWith(NO_PYTHON + " cannot be run")
                .contains("point JUPYTER_PYTHON at a Python that has jupyter_server and ipykernel", "JUPYTER_SERVER_URL");
    }

    @Test
    void aPythonWithJupyterServerAndIpykernelMakesItAvailable() {
        assumeTrue(SharedJupyter.missing() == null, SharedJupyter::missing);
        assertThat(check.unavailable(Map.of("serverUrl", "", "python", SharedJupyter.PYTHON))).isNull();
    }

    @Test
    void theBridgeListsItAsNotServedWithTheReason() {
        try (Bridge bridge = Bridge.create(new BridgeConfig(), Map.of(), Map.of("JUPYTER_PYTHON", NO_PYTHON))) {
            assertThat(bridge.notServed().get("jupyter")).startsWith(NO_PYTHON + " cannot be run");
            assertThat(bridge.registry().find("list_kernels")).isEmpty();
        }
    }

    @Test
    void askedForWhereItCannotRunItStopsStartUpSayingWhy() {
        BridgeConfig config = new BridgeConfig();
        config.adapters = List.of("jupyter");
        assertThatThrownBy(() -> Bridge.create(config, Map.of(), Map.of("JUPYTER_PYTHON", NO_PYTHON)).close())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("adapters/jupyter.yaml")
                .hasMessageContaining("adapter 'jupyter' cannot be served here: " + NO_PYTHON + " cannot be run");
    }
}
