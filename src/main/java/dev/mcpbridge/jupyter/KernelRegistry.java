package dev.mcpbridge.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpbridge.core.spi.ToolException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one table of kernels every tool uses (the replaced server kept two, so a kernel started by one tool was
 * invisible to another). Kernels started through the bridge are recorded here; a kernel already running on an
 * existing server is adopted the first time a tool names it.
 */
public final class KernelRegistry {

    private final JupyterApi api;
    private final Duration readyTimeout;
    private final Map<String, KernelSession> kernels = new LinkedHashMap<>();

    /** {@code readyTimeout}: how long a restarted kernel may take to answer before restart reports it. */
    public KernelRegistry(JupyterApi api, Duration readyTimeout) {
        this.api = api;
        this.readyTimeout = readyTimeout;
    }

    /** Starts a kernel; {@code workingDir} is a contents path ("" for the notebook directory). */
    public KernelSession start(String name, String workingDir) {
        JsonNode specs = api.kernelSpecs();
        String kernelName = name == null || name.isBlank() ? specs.path("default").asText("python3") : name.strip();
        if (!specs.path("kernelspecs").has(kernelName)) {
            List<String> known = new ArrayList<>();
            specs.path("kernelspecs").fieldNames().forEachRemaining(known::add);
            throw new ToolException("there is no kernel named '" + kernelName + "' on the Jupyter server (available: "
                    + String.join(", ", known) + ")");
        }
        JsonNode model = api.startKernel(kernelName, workingDir);
        String id = model.path("id").asText();
        KernelSession session = new KernelSession(id, kernelName, Instant.now(), workingDir, true,
                new KernelChannel(api, id));
        synchronized (kernels) {
            kernels.put(id, session);
        }
        return session;
    }

    /** The kernel with this id, adopted from the server if the bridge has not met it yet. */
    public KernelSession get(String id) {
        if (id == null || id.isBlank()) {
            throw new ToolException("kernel_id is required");
        }
        synchronized (kernels) {
            KernelSession known = kernels.get(id);
            if (known != null) {
                return known;
            }
        }
        JsonNode model = api.kernel(id);
        if (model == null) {
            throw noSuchKernel(id);
        }
        KernelSession adopted = new KernelSession(id, model.path("name").asText(), null, null, false,
                new KernelChannel(api, id));
        synchronized (kernels) {
            return kernels.computeIfAbsent(id, k -> adopted);
        }
    }

    /** The server's model of the kernel (execution_state, connections, last_activity), or null when it is gone. */
    public JsonNode model(String id) {
        JsonNode model = api.kernel(id);
        if (model == null) {
            forget(id);
        }
        return model;
    }

    public void stop(String id) {
        KernelSession session = get(id);
        try {
            api.shutdownKernel(id);
        } catch (JupyterApi.ApiError e) {
            if (e.status() != 404) {
                throw e;
            }
        } finally {
            session.channel().close();
            forget(id);
        }
    }

    public void interrupt(String id) {
        get(id);
        api.interrupt(id);
    }

    /**
     * Restarts in place (same id); requests in flight end with an error that says why. Returns once the new kernel
     * answers on this bridge's channel: the server's restart call returns as soon as the process is launched.
     */
    public void restart(String id) {
        KernelSession session = get(id);
        session.channel().abandonAll("the kernel was restarted");
        api.restart(id);
        // Requests sent while the old process was stopping are lost with it.
        session.channel().kernelReplaced("the kernel was restarted");
        session.channel().awaitReady(readyTimeout);
    }

    /** The kernels the bridge knows, in the order it met them. */
    public List<KernelSession> known() {
        synchronized (kernels) {
            return List.copyOf(kernels.values());
        }
    }

    /** Every kernel running on the server (the server is the truth; the bridge's records only add detail). */
    public List<JsonNode> running() {
        List<JsonNode> list = new ArrayList<>();
        api.kernels().forEach(list::add);
        return list;
    }

    public KernelSession knownOrNull(String id) {
        synchronized (kernels) {
            return kernels.get(id);
        }
    }

    private void forget(String id) {
        synchronized (kernels) {
            KernelSession gone = kernels.remove(id);
            if (gone != null) {
                gone.channel().close();
            }
        }
    }

    /** Closes the channels without stopping kernels (the server's own shutdown stops them). */
    public void closeChannels() {
        known().forEach(k -> k.channel().close());
    }

    static ToolException noSuchKernel(String id) {
        return new ToolException("there is no kernel with id '" + id + "' (list_kernels shows the running ones; "
                + "manage_kernel with action=start starts one)");
    }
}
