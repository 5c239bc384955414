package dev.mcpbridge.jupyter;

import dev.mcpbridge.core.spi.ToolException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the interpreter that runs a managed Jupyter Server: the one configured, else the first candidate that
 * imports jupyter_server and ipykernel. Each interpreter is probed once per process (a probe starts Python), so the
 * availability check and the server start share the answer.
 */
final class JupyterPython {

    private static final Map<String, Optional<String>> PROBED = new ConcurrentHashMap<>();

    private JupyterPython() {
    }

    /** The interpreter to use; a ToolException says why there is none and how to get one. */
    static String find(String configured) {
        if (configured != null && !configured.isBlank()) {
            String python = configured.strip();
            String why = missing(python);
            if (why != null) {
                throw new ToolException(why + "; point JUPYTER_PYTHON at a Python that has jupyter_server and "
                        + "ipykernel (Debian: python3-jupyter-server python3-ipykernel), or set JUPYTER_SERVER_URL");
            }
            return python;
        }
        return candidates().stream().filter(p -> missing(p) == null).findFirst()
                .orElseThrow(() -> new ToolException("no Python with jupyter_server and ipykernel was found (tried "
                        + candidates() + "); install them (Debian: python3-jupyter-server python3-ipykernel), set "
                        + "JUPYTER_PYTHON, or set JUPYTER_SERVER_URL"));
    }

    /** Why this interpreter cannot run a server, or null when it can. */
    static String missing(String python) {
        return PROBED.computeIfAbsent(python, p -> Optional.ofNullable(ManagedServer.missingModules(p))).orElse(null);
    }

    static List<String> candidates() {
        List<String> list = new ArrayList<>(List.of("python3"));
        if (Files.isExecutable(Path.of("/usr/bin/python3"))) {
            list.add("/usr/bin/python3");
        }
        return list;
    }
}
