package dev.mcpbridge.lib.files;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Text that a regex engine reads character by character and that ends the reading when the call is over: every
 * few thousand characters read, it asks whether the call was cancelled or timed out (or the thread interrupted)
 * and then throws {@link CancellationException}. A linear-time match over a 10 MB file with a large pattern can
 * still take seconds; the call's thread, and the pool threads of a parallel search that are never interrupted,
 * stop within that check's interval instead.
 */
public final class StoppableText implements CharSequence {

    private static final int CHECK_EVERY = 1 << 12;

    private final CharSequence text;
    private final BooleanSupplier stop;
    private int reads;

    public StoppableText(CharSequence text, BooleanSupplier stop) {
        this.text = text;
        this.stop = stop == null ? () -> false : stop;
    }

    /** Throws when the call is over; for loops that do their own work between matches. */
    public static void check(BooleanSupplier stop) {
        if (Thread.currentThread().isInterrupted() || (stop != null && stop.getAsBoolean())) {
            throw new CancellationException("the call was cancelled or timed out; the work was stopped");
        }
    }

    @Override
    public char charAt(int index) {
        if (++reads >= CHECK_EVERY) {
            reads = 0;
            check(stop);
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
