package dev.mcpbridge.jupyter;

import dev.mcpbridge.core.spi.Availability;
import dev.mcpbridge.core.spi.ToolException;
import java.util.Map;

/**
 * The jupyter adapter can be served where it has a Jupyter Server: an existing one (JUPYTER_SERVER_URL), or a
 * Python that can run one (jupyter_server and ipykernel importable).
 */
public final class JupyterAvailability implements Availability {

    @Override
    public String unavailable(Map<String, String> settings) {
        String url = settings.getOrDefault("serverUrl", "");
        if (url != null && !url.isBlank()) {
            return null;
        }
        try {
            JupyterPython.find(settings.get("python"));
            return null;
        } catch (ToolException e) {
            return e.getMessage();
        }
    }
}
