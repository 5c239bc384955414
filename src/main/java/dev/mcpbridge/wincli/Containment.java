package dev.mcpbridge.wincli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What holds a command whatever the parser missed. On Linux with bubblewrap ({@code sandbox: auto} finds it,
 * {@code bwrap} requires it): a new PID namespace, so no process of the bridge (and no {@code /proc/<pid>/environ})
 * is visible; the whole file system read-only except the allowed paths and a private {@code /tmp}; optionally no
 * network. On every Unix: the command's first act is to check that its working directory is the very directory that
 * was checked (device and inode from a {@link HeldDirectory}), so a directory swapped for a link after the check
 * runs nothing.
 */
final class Containment {

    private static final Logger LOG = LoggerFactory.getLogger(Containment.class);

    /** Runs the command only in the checked directory; $1 is its identity, the command follows. */
    private static final String VERIFY = "[ \"$(exec \"$1\" -L -c %d:%i .)\" = \"$2\" ] || { echo 'mcp-bridge: the "
            + "working directory was replaced after it was checked; nothing was run' >&2; exit 126; }; shift 2; "
            + "exec \"$@\"";

    private final Path bwrap;
    private final boolean network;
    private final List<Path> writable;
    private final Path sh;
    private final Path stat;
    private final String described;

    private Containment(Path bwrap, boolean network, List<Path> writable, Path sh, Path stat, String described) {
        this.bwrap = bwrap;
        this.network = network;
        this.writable = List.copyOf(writable);
        this.sh = sh;
        this.stat = stat;
        this.described = described;
    }

    /**
     * @param setting auto, bwrap or none
     * @param writable the directories commands may write (the allowed paths)
     */
    static Containment create(String setting, boolean network, List<Path> writable, String pathVariable,
            boolean windows) {
        String mode = setting == null ? "auto" : setting.strip().toLowerCase(Locale.ROOT);
        if (!mode.equals("auto") && !mode.equals("bwrap") && !mode.equals("none")) {
            throw new IllegalArgumentException("win-cli.sandbox must be auto, bwrap or none, not '" + setting + "'");
        }
        if (windows) {
            if (mode.equals("bwrap")) {
                throw new IllegalArgumentException("win-cli.sandbox: bwrap is for Linux; use auto or none on Windows");
            }
            return new Containment(null, network, writable, null, null, "none (Windows: no sandbox)");
        }
        String systemPath = "/usr/bin:/bin:/usr/sbin:/sbin" + (pathVariable == null ? "" : ":" + pathVariable);
        Path sh = Shell.onPath("sh", systemPath).orElse(null);
        Path stat = Shell.onPath("stat", systemPath).orElse(null);
        Path bwrap = null;
        String described = "none";
        if (!mode.equals("none")) {
            Optional<Path> found = Shell.onPath("bwrap", systemPath);
            String problem = found.isEmpty() ? "bubblewrap (bwrap) is not installed" : probe(found.get());
            if (problem == null) {
                bwrap = found.get();
                described = "bwrap (" + bwrap + ")";
            } else if (mode.equals("bwrap")) {
                throw new IllegalArgumentException("win-cli.sandbox is bwrap but " + problem
                        + "; install the bubblewrap package, or set sandbox to auto or none");
            } else {
                described = "none (" + problem + ")";
                LOG.warn("win-cli: commands run without a sandbox: {}", problem);
            }
        }
        return new Containment(bwrap, network, writable, sh, stat, described);
    }

    /** Null when bwrap can create a sandbox here, else why not. */
    private static String probe(Path bwrap) {
        try {
            Process p = new ProcessBuilder(bwrap.toString(), "--die-with-parent", "--unshare-pid", "--ro-bind", "/",
                    "/", "--dev", "/dev", "--proc", "/proc", "true").redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "bwrap did not start a test sandbox within 10 s";
            }
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.exitValue() == 0 ? null : "bwrap cannot create a sandbox here (" + out + ")";
        } catch (IOException e) {
            return "bwrap could not be started (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while testing bwrap";
        }
    }

    boolean sandboxed() {
        return bwrap != null;
    }

    /** The argument vector that runs {@code argv} contained, in the held directory. */
    List<String> wrap(List<String> argv, HeldDirectory directory) {
        List<String> out = new ArrayList<>();
        if (bwrap != null) {
            out.addAll(List.of(bwrap.toString(), "--die-with-parent", "--unshare-pid", "--unshare-ipc",
                    "--unshare-uts", "--unshare-cgroup-try"));
            if (!network) {
                out.add("--unshare-net");
            }
            out.addAll(List.of("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"));
            for (Path w : writable) {
                if (Files.isDirectory(w)) {
                    out.addAll(List.of("--bind", w.toString(), w.toString()));
                }
            }
            out.addAll(List.of("--chdir", directory.path().toString(), "--"));
        }
        if (directory.identity() != null && sh != null && stat != null) {
            out.addAll(List.of(sh.toString(), "-c", VERIFY, "mcp-bridge", stat.toString(), directory.identity()));
        }
        out.addAll(argv);
        return out;
    }

    /** For cli://config. */
    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("sandbox", described);
        d.put("network", bwrap == null || network);
        d.put("writable", bwrap == null ? "everything the bridge's user may write" : writable.stream()
                .map(Path::toString).toList());
        d.put("workingDirectoryHeld", sh != null && stat != null);
        return d;
    }
}
