package dev.mcpbridge.core.transport;

import org.slf4j.Logger;

/**
 * Reports malformed input as one line per message, at most {@code perSecond} lines a second, so that a client
 * spewing junk cannot flood stderr; what was held back is counted and said once the next second begins. The cause's
 * stack trace only at debug level.
 */
final class MalformedInputLog {

    private static final long SECOND = 1_000_000_000L;

    private final Logger log;
    private final int perSecond;
    private long windowStart = System.nanoTime();
    private int inWindow;
    private long suppressed;

    MalformedInputLog(Logger log, int perSecond) {
        this.log = log;
        this.perSecond = perSecond;
    }

    synchronized void report(String what, Throwable cause) {
        long now = System.nanoTime();
        if (now - windowStart >= SECOND) {
            flush();
            windowStart = now;
            inWindow = 0;
        }
        if (inWindow++ < perSecond) {
            log.warn("malformed input: {}", what);
            if (cause != null && log.isDebugEnabled()) {
                log.debug("cause of the malformed input report above", cause);
            }
        } else {
            suppressed++;
        }
    }

    /** Says how many reports were held back, if any. */
    synchronized void flush() {
        if (suppressed > 0) {
            log.warn("malformed input: {} more message(s) not logged (at most {} a second)", suppressed, perSecond);
            suppressed = 0;
        }
    }
}
