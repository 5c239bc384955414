package dev.mcpbridge.core.pipeline;

import dev.mcpbridge.core.spi.Secrets;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Describes a failure to the user: the message of a {@code ToolException} or an HTTP failure as is, a timeout
 * plainly, and anything else only by its kind and a reference into the server log, where the details go.
 * Every message is redacted of known secrets.
 */
public final class Failures {

    private static final Logger LOG = LoggerFactory.getLogger("mcp-bridge.failures");

    private final Secrets secrets;

    public Failures(Secrets secrets) {
        this.secrets = secrets;
    }

    /** @param what the thing that failed, as the user knows it, e.g. "Tool 'x'" */
    public String describe(String what, Throwable e) {
        if (e instanceof TimeoutException) {
            return secrets.redact(what + " did not finish in time and was stopped.");
        }
        String message = ErrorMessages.userMessage(e);
        if (message != null) {
            LOG.debug("{} failed", what, e);
            return secrets.redact(message);
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        Throwable cause = ErrorMessages.unwrap(e);
        LOG.warn("{} failed [ref {}]: {}", secrets.redact(what), reference, secrets.redact(String.valueOf(cause)));
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} failure [ref {}]", what, reference, cause);
        }
        return secrets.redact(what + " failed with an internal error (" + cause.getClass().getSimpleName()
                + ", reference " + reference + "; the server log has the details).");
    }
}
