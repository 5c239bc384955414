package dev.mcpbridge.wincli;

import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.wincli.SshConnections.Target;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * SSH sessions through Apache MINA SSHD, one per connection id and reused across commands (the handshake and
 * authentication are paid once), kept alive with keepalive requests and reopened when they die. Host keys are
 * checked against a known_hosts file: strictly by default (an unknown host is refused), or accepting and recording
 * a new host's key; a changed key is always refused. A command that outlives its timeout gets a KILL signal (sshd
 * sends it to the command's whole process group) and its channel is closed.
 */
final class SshPool implements AutoCloseable {

    /**
     * @param exitCode null when the command timed out
     * @param killed after a timeout: true when the server confirmed the KILL signal (or a terminal was hung up),
     *     false when it refused it; null when the command did not time out
     */
    record Result(Integer exitCode, String stdout, String stderr, long durationMs, boolean timedOut, boolean truncated,
            boolean reused, Boolean killed) {
    }

    private static final AttributeKey<String> KEY_PROBLEM = new AttributeKey<>();

    private final Path knownHosts;
    private final boolean acceptNew;
    private final Map<String, Pooled> sessions = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /**
     * Why the last host key of an address was refused. Also kept here, not only on the session, because on a fast
     * connection the refusal can close the session before connect() has even handed it over.
     */
    private final Map<String, String> keyProblems = new ConcurrentHashMap<>();
    private volatile SshClient client;

    private record Pooled(ClientSession session, String identity) {
    }

    SshPool(Path knownHosts, boolean acceptNew) {
        this.knownHosts = knownHosts;
        this.acceptNew = acceptNew;
    }

    private synchronized SshClient client() {
        if (client == null) {
            SshClient c = SshClient.setUpDefaultClient();
            c.setServerKeyVerifier(new Verifier(acceptNew ? AcceptAllServerKeyVerifier.INSTANCE
                    : RejectAllServerKeyVerifier.INSTANCE, knownHosts));
            // No keys from ~/.ssh or an agent: only what the connection names.
            c.setKeyIdentityProvider(session -> java.util.List.of());
            // Small request/response packets: without TCP_NODELAY, delayed ACKs add tens of milliseconds to each.
            CoreModuleProperties.TCP_NODELAY.set(c, true);
            c.start();
            client = c;
        }
        return client;
    }

    /** Runs a command on the connection's session, opening (or reopening) the session as needed. */
    Result exec(Target target, String command, long timeoutMillis, int maxBytes, BooleanSupplier cancelled) {
        boolean reused = true;
        ClientSession session;
        synchronized (lock(target.id())) {
            session = live(target);
            if (session == null) {
                session = open(target);
                reused = false;
            }
        }
        try {
            return run(session, target, command, timeoutMillis, maxBytes, cancelled, reused);
        } catch (NotStarted e) {
            if (!reused) {
                throw new ToolException("SSH command on '" + target.id() + "' failed: " + message(e));
            }
            // The pooled session died since its last use (server restarted, network dropped) and the command was
            // not sent: reconnect once and send it.
            ClientSession fresh;
            synchronized (lock(target.id())) {
                drop(target.id());
                fresh = open(target);
            }
            try {
                return run(fresh, target, command, timeoutMillis, maxBytes, cancelled, false);
            } catch (IOException | IllegalStateException again) {
                drop(target.id());
                throw new ToolException("SSH command on '" + target.id() + "' failed: " + message(again));
            }
        } catch (IOException | IllegalStateException e) {
            // The command may have started: never send it twice.
            drop(target.id());
            throw new ToolException("SSH connection '" + target.id() + "' was lost while the command ran: "
                    + message(e));
        }
    }

    private Object lock(String id) {
        return locks.computeIfAbsent(id, k -> new Object());
    }

    private static String address(String host, int port) {
        return host + ":" + port;
    }

    /** The channel could not be opened: the command was not sent, so it may be retried on a new session. */
    private static final class NotStarted extends IOException {
        NotStarted(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    private ClientSession live(Target target) {
        Pooled p = sessions.get(target.id());
        if (p == null) {
            return null;
        }
        if (!p.identity().equals(target.identity()) || !p.session().isOpen() || p.session().isClosing()
                || !p.session().isAuthenticated()) {
            drop(target.id());
            return null;
        }
        return p.session();
    }

    private ClientSession open(Target target) {
        ClientSession session = null;
        keyProblems.remove(address(target.host(), target.port()));
        try {
            session = client().connect(target.username(), target.host(), target.port())
                    .verify(target.readyMillis(), TimeUnit.MILLISECONDS).getSession();
            CoreModuleProperties.HEARTBEAT_INTERVAL.set(session, Duration.ofMillis(target.keepaliveMillis()));
            CoreModuleProperties.HEARTBEAT_REPLY_WAIT.set(session, Duration.ofMillis(
                    Math.max(1000, target.keepaliveMillis())));
            CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(session, Math.max(1, target.keepaliveCountMax()));
            if (target.password() != null) {
                session.addPasswordIdentity(target.password());
            }
            if (target.privateKey() != null) {
                for (KeyPair kp : keys(session, target)) {
                    session.addPublicKeyIdentity(kp);
                }
            }
            session.auth().verify(target.readyMillis(), TimeUnit.MILLISECONDS);
            sessions.put(target.id(), new Pooled(session, target.identity()));
            return session;
        } catch (IOException | RuntimeException e) {
            String problem = session == null ? null : session.getAttribute(KEY_PROBLEM);
            if (problem == null) {
                problem = keyProblems.remove(address(target.host(), target.port()));
            }
            if (session != null) {
                session.close(true);
            }
            if (e instanceof ToolException t) {
                throw t;
            }
            if (problem != null) {
                throw new ToolException("SSH connection '" + target.id() + "' refused: " + problem);
            }
            throw new ToolException("SSH connection '" + target.id() + "' to " + target.host() + ":" + target.port()
                    + " failed: " + message(e));
        }
    }

    private static Iterable<KeyPair> keys(ClientSession session, Target target) {
        Path key = target.privateKey();
        if (!Files.isReadable(key)) {
            throw new ToolException("SSH connection '" + target.id() + "': the private key file cannot be read");
        }
        FilePasswordProvider passphrase = target.passphrase() == null ? FilePasswordProvider.EMPTY
                : FilePasswordProvider.of(target.passphrase());
        try (InputStream in = Files.newInputStream(key)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(session, NamedResource.ofName(key.toString()),
                    in, passphrase);
            if (pairs == null || !pairs.iterator().hasNext()) {
                throw new ToolException("SSH connection '" + target.id() + "': no key found in the private key file");
            }
            return pairs;
        } catch (IOException | GeneralSecurityException e) {
            throw new ToolException("SSH connection '" + target.id() + "': the private key cannot be loaded ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static Result run(ClientSession session, Target target, String command, long timeoutMillis,
            int maxBytes, BooleanSupplier cancelled, boolean reused) throws IOException {
        CappedOutput out = new CappedOutput(maxBytes);
        CappedOutput err = new CappedOutput(maxBytes);
        long start = System.nanoTime();
        try (KillableExec channel = new KillableExec(command)) {
            try {
                if (!session.isOpen() || session.isClosing()) {
                    throw new IOException("the session is closed");
                }
                session.getService(ConnectionService.class).registerChannel(channel);
                channel.setUsePty(target.pty());
                channel.setOut(out);
                channel.setErr(err);
                channel.open().verify(Math.max(Math.min(timeoutMillis, 30_000), 1000), TimeUnit.MILLISECONDS);
            } catch (IOException | IllegalStateException e) {
                throw new NotStarted(e);
            }
            long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            Boolean killed = null;
            while (true) {
                Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 20);
                if (events.contains(ClientChannelEvent.CLOSED)) {
                    break;
                }
                if (Thread.currentThread().isInterrupted() || cancelled.getAsBoolean()) {
                    channel.kill(target.pty());
                    throw new ToolException("the call was stopped; the remote command was sent KILL");
                }
                if (System.nanoTime() >= deadline) {
                    killed = channel.kill(target.pty());
                    break;
                }
            }
            long duration = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            boolean timedOut = killed != null;
            Integer exit = timedOut ? null : channel.getExitStatus();
            if (!timedOut && exit == null && channel.getExitSignal() != null) {
                exit = 128;
            }
            return new Result(exit, out.text(), err.text(), duration, timedOut, out.truncated() || err.truncated(),
                    reused, killed);
        }
    }

    /**
     * An exec channel that can ask the server to signal its command and learn whether the server did: OpenSSH
     * answers the "signal" request (RFC 4254 6.9) by signalling the command's whole process group, except for
     * root logins, which it refuses.
     */
    private static final class KillableExec extends ChannelExec {

        private volatile CompletableFuture<Boolean> signalReply;

        KillableExec(String command) {
            super(command, StandardCharsets.UTF_8, null, Collections.emptyMap());
        }

        /** Sends KILL, closes the channel; true when the server confirmed the signal. */
        boolean kill(boolean pty) {
            boolean confirmed = false;
            try {
                CompletableFuture<Boolean> reply = new CompletableFuture<>();
                signalReply = reply;
                Buffer buffer = getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST, 32);
                buffer.putUInt(getRecipient());
                buffer.putString("signal");
                buffer.putBoolean(true);
                buffer.putString("KILL");
                writePacket(buffer).verify(2, TimeUnit.SECONDS);
                confirmed = reply.get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
            // With a terminal, closing the channel also hangs it up: the command's process group gets SIGHUP.
            close(false).awaitUninterruptibly(2, TimeUnit.SECONDS);
            close(true);
            return confirmed || pty;
        }

        @Override
        public void handleSuccess() throws IOException {
            CompletableFuture<Boolean> reply = signalReply;
            if (reply != null && !reply.isDone()) {
                reply.complete(true);
            } else {
                super.handleSuccess();
            }
        }

        @Override
        public void handleFailure() throws IOException {
            CompletableFuture<Boolean> reply = signalReply;
            if (reply != null && !reply.isDone()) {
                reply.complete(false);
            } else {
                super.handleFailure();
            }
        }
    }

    boolean disconnect(String id) {
        Pooled p = sessions.remove(id);
        if (p == null) {
            return false;
        }
        boolean open = p.session().isOpen();
        p.session().close(false).awaitUninterruptibly(3, TimeUnit.SECONDS);
        return open;
    }

    void drop(String id) {
        Pooled p = sessions.remove(id);
        if (p != null) {
            p.session().close(true);
        }
    }

    boolean connected(String id) {
        Pooled p = sessions.get(id);
        return p != null && p.session().isOpen();
    }

    @Override
    public synchronized void close() {
        sessions.keySet().forEach(this::drop);
        if (client != null) {
            client.stop();
            client = null;
        }
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /** known_hosts checking that remembers why it refused, for a clear message. */
    private final class Verifier extends KnownHostsServerKeyVerifier {

        Verifier(org.apache.sshd.client.keyverifier.ServerKeyVerifier delegate, Path file) {
            super(delegate, file);
        }

        private void problem(ClientSession session, SocketAddress remote, String why) {
            session.setAttribute(KEY_PROBLEM, why);
            if (remote instanceof java.net.InetSocketAddress inet) {
                keyProblems.put(address(inet.getHostString(), inet.getPort()), why);
            }
        }

        @Override
        protected boolean acceptUnknownHostKey(ClientSession session, SocketAddress remote, PublicKey key) {
            boolean ok = super.acceptUnknownHostKey(session, remote, key);
            if (!ok) {
                problem(session, remote, "the host key of " + remote + " is not in the known_hosts file "
                        + "(sshHostKeyPolicy: strict). Add it (ssh-keyscan) or use sshHostKeyPolicy: accept-new");
            }
            return ok;
        }

        @Override
        public boolean acceptModifiedServerKey(ClientSession session, SocketAddress remote, KnownHostEntry entry,
                PublicKey expected, PublicKey actual) {
            problem(session, remote, "the host key of " + remote + " does not match the known_hosts file: "
                    + "it changed (possible man-in-the-middle); if the change is expected, remove the old line");
            return false;
        }
    }
}
