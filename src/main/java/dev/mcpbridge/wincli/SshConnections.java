package dev.mcpbridge.wincli;

import dev.mcpbridge.core.spi.HomePaths;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.mcpbridge.core.spi.Secrets;
import dev.mcpbridge.core.spi.ToolException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SSH connections, kept in a YAML or JSON file (by its extension): either {@code connections: {id: {...}}} or
 * win-cli-mcp-server's own config.json, whose {@code ssh.connections} is used — so an existing win-cli config can be
 * pointed at directly. Changes are written to a temporary file in the same directory and renamed over the file
 * (atomically), owner-readable only, keeping every other key of the file. Passwords are registered as secrets, so
 * they are masked in every result and log line and kept from child processes.
 */
final class SshConnections {

    /** What read_ssh_connections and ssh://config show instead of a password. */
    static final String MASK = "****";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Set<String> FIELDS = Set.of("host", "port", "username", "password", "passwordEnv",
            "privateKeyPath", "passphrase", "shell", "keepaliveInterval", "keepaliveCountMax", "readyTimeout",
            "commandTimeout", "pty");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** One connection as configured, its secrets resolved. */
    record Target(String id, String host, int port, String username, String password, Path privateKey,
            String passphrase, Shell shell, long keepaliveMillis, int keepaliveCountMax, long readyMillis,
            Long commandTimeoutMillis, boolean pty) {

        /** What identifies the session: a change of any of it needs a new connection. */
        String identity() {
            return username + "@" + host + ":" + port + "|" + (password == null ? "" : Integer.toHexString(
                    password.hashCode())) + "|" + privateKey + "|" + shell;
        }
    }

    private final Path file;
    private final Secrets secrets;
    private final Map<String, String> env;
    private final long defaultKeepalive;
    private final int defaultKeepaliveCount;
    private final long defaultReady;
    private final ObjectMapper mapper;

    SshConnections(Path file, Secrets secrets, Map<String, String> env, long defaultKeepalive,
            int defaultKeepaliveCount, long defaultReady) {
        this.file = file;
        this.secrets = secrets;
        this.env = env;
        this.defaultKeepalive = defaultKeepalive;
        this.defaultKeepaliveCount = defaultKeepaliveCount;
        this.defaultReady = defaultReady;
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        this.mapper = name.endsWith(".json") ? new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                : new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    }

    Path file() {
        return file;
    }

    /** Every connection as stored (passwords in clear: callers mask). */
    synchronized Map<String, Map<String, Object>> all() {
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        connections(read()).forEach((id, value) -> {
            if (value instanceof Map<?, ?> m) {
                Map<String, Object> c = new LinkedHashMap<>();
                m.forEach((k, v) -> c.put(String.valueOf(k), v));
                register(c);
                result.put(id, c);
            }
        });
        return result;
    }

    /** The connections with passwords and passphrases masked. */
    Map<String, Map<String, Object>> masked() {
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        all().forEach((id, c) -> result.put(id, mask(c)));
        return result;
    }

    static Map<String, Object> mask(Map<String, Object> c) {
        Map<String, Object> m = new LinkedHashMap<>(c);
        for (String secret : List.of("password", "passphrase")) {
            if (m.get(secret) != null && !String.valueOf(m.get(secret)).isEmpty()) {
                m.put(secret, MASK);
            }
        }
        return m;
    }

    Target target(String id) {
        Map<String, Object> c = all().get(id);
        if (c == null) {
            throw new ToolException("Unknown SSH connection ID: " + id + " (known: " + String.join(", ",
                    all().keySet()) + ")");
        }
        return toTarget(id, c);
    }

    synchronized void create(String id, Map<String, Object> config) {
        checkId(id);
        Map<String, Object> root = read();
        Map<String, Object> conns = connections(root);
        if (conns.containsKey(id)) {
            throw new ToolException("SSH connection '" + id + "' already exists; use update_ssh_connection");
        }
        Map<String, Object> clean = validate(id, config, null);
        register(clean);
        conns.put(id, clean);
        write(root);
    }

    synchronized void update(String id, Map<String, Object> config) {
        checkId(id);
        Map<String, Object> root = read();
        Map<String, Object> conns = connections(root);
        if (!(conns.get(id) instanceof Map<?, ?> old)) {
            throw new ToolException("Unknown SSH connection ID: " + id);
        }
        Map<String, Object> previous = new LinkedHashMap<>();
        old.forEach((k, v) -> previous.put(String.valueOf(k), v));
        Map<String, Object> clean = validate(id, config, previous);
        register(clean);
        conns.put(id, clean);
        write(root);
    }

    synchronized boolean delete(String id) {
        Map<String, Object> root = read();
        Map<String, Object> conns = connections(root);
        if (conns.remove(id) == null) {
            throw new ToolException("Unknown SSH connection ID: " + id);
        }
        write(root);
        return true;
    }

    private static void checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ToolException("connectionId must be 1-64 letters, digits, '.', '-' or '_'");
        }
    }

    /**
     * Checks a connection from a tool call. A masked password ("****", as read_ssh_connections shows it) keeps the
     * stored one, but only for the same host, port and user: a stored password is never sent to another host.
     */
    private Map<String, Object> validate(String id, Map<String, Object> config, Map<String, Object> previous) {
        Map<String, Object> c = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            if (!FIELDS.contains(e.getKey())) {
                throw new ToolException("connectionConfig." + e.getKey() + " is not a connection field (known: "
                        + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
            if (e.getValue() != null) {
                c.put(e.getKey(), e.getValue());
            }
        }
        for (String secret : List.of("password", "passphrase")) {
            if (MASK.equals(c.get(secret))) {
                boolean same = previous != null && previous.get(secret) != null
                        && String.valueOf(previous.get("host")).equals(String.valueOf(c.get("host")))
                        && port(previous) == port(c)
                        && String.valueOf(previous.get("username")).equals(String.valueOf(c.get("username")));
                if (!same) {
                    throw new ToolException("connectionConfig." + secret + " is masked (" + MASK + "): a stored "
                            + secret + " is only kept for the same host, port and username; give it again");
                }
                c.put(secret, previous.get(secret));
            }
        }
        toTarget(id, c);
        return c;
    }

    private static int port(Map<String, Object> c) {
        Object p = c.get("port");
        if (p == null) {
            return 22;
        }
        return p instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(p).strip());
    }

    private Target toTarget(String id, Map<String, Object> c) {
        String host = text(c, "host");
        String user = text(c, "username");
        if (host == null || host.isBlank()) {
            throw new ToolException("SSH connection '" + id + "': host is required");
        }
        if (user == null || user.isBlank()) {
            throw new ToolException("SSH connection '" + id + "': username is required");
        }
        int port;
        try {
            port = port(c);
        } catch (NumberFormatException e) {
            throw new ToolException("SSH connection '" + id + "': port must be a number");
        }
        if (port < 1 || port > 65535) {
            throw new ToolException("SSH connection '" + id + "': port must be between 1 and 65535");
        }
        String password = text(c, "password");
        String passwordEnv = text(c, "passwordEnv");
        if ((password == null || password.isEmpty()) && passwordEnv != null) {
            password = env.get(passwordEnv);
            if (password == null) {
                throw new ToolException("SSH connection '" + id + "': the environment variable " + passwordEnv
                        + " (passwordEnv) is not set");
            }
            secrets.add(passwordEnv, password);
        }
        String keyPath = text(c, "privateKeyPath");
        if ((password == null || password.isEmpty()) && (keyPath == null || keyPath.isBlank())) {
            throw new ToolException("SSH connection '" + id + "': give a password (or passwordEnv) or a "
                    + "privateKeyPath");
        }
        String shellName = text(c, "shell");
        Shell shell = shellName == null ? Shell.BASH : Shell.byId(shellName).orElseThrow(() -> new ToolException(
                "SSH connection '" + id + "': shell must be one of bash, sh, powershell, pwsh, cmd, gitbash"));
        return new Target(id, host.strip(), port, user.strip(), password == null || password.isEmpty() ? null : password,
                keyPath == null || keyPath.isBlank() ? null : Path.of(HomePaths.expand(keyPath.strip())),
                text(c, "passphrase"), shell, millis(c, "keepaliveInterval", defaultKeepalive),
                (int) millis(c, "keepaliveCountMax", defaultKeepaliveCount), millis(c, "readyTimeout", defaultReady),
                c.get("commandTimeout") == null ? null : millis(c, "commandTimeout", 0) * 1000,
                pty(id, c.get("pty")));
    }

    private static long millis(Map<String, Object> c, String key, long fallback) {
        Object v = c.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            throw new ToolException("SSH connection field " + key + " must be a number");
        }
    }

    private static boolean pty(String id, Object value) {
        try {
            return dev.mcpbridge.core.spi.Booleans.parse(value == null ? null : String.valueOf(value), false);
        } catch (IllegalArgumentException e) {
            throw new ToolException("SSH connection '" + id + "': pty " + e.getMessage());
        }
    }

    private static String text(Map<String, Object> c, String key) {
        Object v = c.get(key);
        return v == null ? null : String.valueOf(v);
    }

    private void register(Map<String, Object> c) {
        for (String secret : List.of("password", "passphrase")) {
            Object v = c.get(secret);
            if (v != null) {
                secrets.add(null, String.valueOf(v));
            }
        }
    }

    private Map<String, Object> read() {
        try {
            if (!Files.exists(file)) {
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("connections", new LinkedHashMap<String, Object>());
                return root;
            }
            String text = Files.readString(file);
            if (text.isBlank()) {
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("connections", new LinkedHashMap<String, Object>());
                return root;
            }
            Map<String, Object> root = mapper.readValue(text, MAP);
            return root == null ? new LinkedHashMap<>() : new LinkedHashMap<>(root);
        } catch (NoSuchFileException e) {
            return new LinkedHashMap<>(Map.of("connections", new LinkedHashMap<String, Object>()));
        } catch (IOException e) {
            throw new ToolException("cannot read the SSH connections file " + file + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** The connections map inside the file's root (created when missing), mutable. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> connections(Map<String, Object> root) {
        Object ssh = root.get("ssh");
        if (!root.containsKey("connections") && ssh instanceof Map<?, ?>) {
            Map<String, Object> sshMap = new LinkedHashMap<>((Map<String, Object>) ssh);
            root.put("ssh", sshMap);
            Object conns = sshMap.get("connections");
            Map<String, Object> m = conns instanceof Map<?, ?> ? new LinkedHashMap<>((Map<String, Object>) conns)
                    : new LinkedHashMap<>();
            sshMap.put("connections", m);
            return m;
        }
        Object conns = root.get("connections");
        Map<String, Object> m = conns instanceof Map<?, ?> ? new LinkedHashMap<>((Map<String, Object>) conns)
                : new LinkedHashMap<>();
        root.put("connections", m);
        return m;
    }

    /** Writes to a temporary file beside the target, then renames it over the target. */
    private void write(Map<String, Object> root) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system
                }
                byte[] bytes = mapper.writeValueAsBytes(root);
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                        OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                    out.write(bytes);
                    out.flush();
                    ch.force(true);
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new ToolException("cannot write the SSH connections file " + file + ": " + e.getMessage());
        }
    }
}
