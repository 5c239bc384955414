package dev.mcpbridge.core.transport;

import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Reports malformed input as one line per message, at most {@code perSecond} lines a second, so that a client
 * spewing junk cannot flood stderr; what was held back is counted and said once the next second begins. The cause's
 * stack trace only at debug level.
 */
final class MalformedInputLog {

    private static final long SECOND = 1_000_000_000L;

    private final Consumer<String> warn;
    private final Logger debug;
    private final int perSecond;
    private final LongSupplier nanoClock;
    private long windowStart;
    private int inWindow;
    private long suppressed;

    MalformedInputLog(Logger log, int perSecond) {
        this(log::warn, log, perSecond, System::nanoTime);
    }

    MalformedInputLog(Consumer<String> warn, Logger debug, int perSecond, LongSupplier nanoClock) {
        this.warn = warn;
        this.debug = debug;
        this.perSecond = perSecond;
        this.nanoClock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
    }

    synchronized void report(String what, Throwable cause) {
        long now = nanoClock.getAsLong();
        if (now - windowStart >= SECOND) {
            flush();
            windowStart = now;
            inWindow = 0;
        }
        if (inWindow++ < perSecond) {
            warn.accept("malformed input: " + what);
            if (cause != null && debug != null && debug.isDebugEnabled()) {
                debug.debug("cause of the malformed input report above", cause);
            }
        } else {
            suppressed++;
        }
    }

    /** Says how many reports were held back, if any. */
    synchronized void flush() {
        if (suppressed > 0) {
            warn.accept("malformed input: " + suppressed + " more message(s) not logged (at most " + perSecond
                    + " a second)");
            suppressed = 0;
        }
    }
}
