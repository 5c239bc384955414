package dev.mcpbridge.wincli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The shells execute_command offers: their grammar, where their executable usually is, and the argument vector
 * that runs one command line. The line is always one element of that vector, exactly as validated: nothing is glued
 * into a string that a second parser could read differently.
 */
public enum Shell {
    BASH("bash", Dialect.BASH, List.of("bash")),
    SH("sh", Dialect.SH, List.of("sh")),
    GITBASH("gitbash", Dialect.BASH, List.of("C:\\Program Files\\Git\\bin\\bash.exe",
            "C:\\Program Files (x86)\\Git\\bin\\bash.exe")),
    POWERSHELL("powershell", Dialect.POWERSHELL, List.of("powershell.exe", "powershell")),
    PWSH("pwsh", Dialect.POWERSHELL, List.of("pwsh.exe", "pwsh")),
    CMD("cmd", Dialect.CMD, List.of("cmd.exe"));

    private final String id;
    private final Dialect dialect;
    private final List<String> candidates;

    Shell(String id, Dialect dialect, List<String> candidates) {
        this.id = id;
        this.dialect = dialect;
        this.candidates = candidates;
    }

    public String id() {
        return id;
    }

    public Dialect dialect() {
        return dialect;
    }

    public static Optional<Shell> byId(String id) {
        for (Shell s : values()) {
            if (s.id.equalsIgnoreCase(id.strip())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * Finds the executable: the configured path if given, else the first candidate that exists (absolute) or is
     * on PATH. Empty when the shell is not installed here.
     */
    public Optional<Path> locate(String configured, String pathVariable) {
        List<String> names = configured == null || configured.isBlank() ? candidates : List.of(configured.strip());
        for (String name : names) {
            Path p = Path.of(name);
            if (p.isAbsolute() || name.contains("/") || name.contains("\\")) {
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p.toAbsolutePath());
                }
                continue;
            }
            Optional<Path> found = onPath(name, pathVariable);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    static Optional<Path> onPath(String name, String pathVariable) {
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    /**
     * The argument vector that runs the line with this shell.
     *
     * @param windows quote the line for a Windows program's command-line parser (on Windows, a process receives
     *     one command line string, which Java builds from the vector; see {@link WindowsQuoting})
     */
    public List<String> argv(String executable, String line, boolean windows) {
        List<String> argv = new ArrayList<>();
        argv.add(executable);
        switch (this) {
            case BASH, GITBASH -> {
                // --noprofile/--norc: no start-up files; BASH_ENV is removed from the environment as well.
                argv.addAll(List.of("--noprofile", "--norc", "-c"));
                argv.add(windows ? WindowsQuoting.quote(line) : line);
            }
            case SH -> {
                argv.add("-c");
                argv.add(line);
            }
            case POWERSHELL, PWSH -> {
                argv.addAll(List.of("-NoProfile", "-NonInteractive", "-Command"));
                argv.add(windows ? WindowsQuoting.quote(line) : line);
            }
            case CMD -> {
                // /d: no AutoRun commands from the registry; /v:off: no !VAR! expansion; /s /c "line": cmd strips
                // the outer quotes and runs the rest exactly as given.
                argv.addAll(List.of("/d", "/v:off", "/s", "/c"));
                argv.add("\"" + line + "\"");
            }
            default -> throw new IllegalStateException(name());
        }
        return argv;
    }

    static boolean windowsHost() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** Shell start-up hooks and function imports that would run code before the validated line. */
    static void harden(Map<String, String> environment) {
        environment.keySet().removeIf(k -> k.startsWith("BASH_FUNC_") || k.equals("BASH_ENV") || k.equals("ENV")
                || k.equals("PROMPT_COMMAND") || k.equals("SHELLOPTS") || k.equals("BASHOPTS") || k.equals("PS4")
                || k.equals("GLOBIGNORE") || k.equals("CDPATH") || k.equals("IFS"));
    }
}
