package dev.mcpbridge.core.spi;

import java.util.Map;

/**
 * The one meaning of {@code ~} in a path the operator or a caller gives, wherever a path is read (directories,
 * the audit logs, win-cli's files, the launcher's cache): {@code ~}, {@code ~/...} and {@code ~\...} start at
 * {@code $HOME}, as in the launcher and the shell that started the bridge; {@code USERPROFILE} when {@code HOME} is
 * unset (Windows), and Java's {@code user.home} only when neither is set. Java's own answer alone would differ from
 * the shell's whenever {@code HOME} was changed, as an MCP client's {@code env} may do.
 */
public final class HomePaths {

    private HomePaths() {
    }

    /** {@code path} with a leading {@code ~} replaced by the home directory; any other path unchanged. */
    public static String expand(String path) {
        return expand(path, System.getenv(), System.getProperty("user.home"));
    }

    /** The home directory {@code ~} stands for. */
    public static String home() {
        return home(System.getenv(), System.getProperty("user.home"));
    }

    /** The home directory {@code ~} stands for, read from {@code env} (a child's environment, a test's). */
    public static String home(Map<String, String> env) {
        return home(env, System.getProperty("user.home"));
    }

    static String expand(String path, Map<String, String> env, String userHome) {
        if (path != null && (path.equals("~") || path.startsWith("~/") || path.startsWith("~\\"))) {
            return home(env, userHome) + path.substring(1);
        }
        return path;
    }

    static String home(Map<String, String> env, String userHome) {
        for (String variable : new String[] {"HOME", "USERPROFILE"}) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return userHome;
    }
}
