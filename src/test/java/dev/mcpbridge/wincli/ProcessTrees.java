package dev.mcpbridge.wincli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Looks for live processes by a unique marker in their arguments. */
final class ProcessTrees {

    private ProcessTrees() {
    }

    /** Live (not zombie) processes whose command line contains the marker. */
    static List<ProcessHandle> withMarker(String marker) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(h -> !zombie(h.pid()))
                .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false)
                        || h.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
                .toList();
    }

    static boolean running(String marker) {
        return !withMarker(marker).isEmpty();
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && stat.length() > close + 2 && stat.charAt(close + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
