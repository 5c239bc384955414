package dev.mcpbridge.jinavigator;

import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.web.TextWindow;

/**
 * The part of a page a call asks for: first a range of lines (1-based, inclusive, as jinavigator-server numbers
 * them and as the outline reports them), then a window of characters, with a note saying where to go on when the
 * window leaves text out.
 */
final class Excerpt {

    private static final TextWindow WINDOW = new TextWindow("start_index", "max_length", true);

    private Excerpt() {
    }

    static String lines(String text, Long start, Long end) {
        if (start == null && end == null) {
            return text;
        }
        String[] lines = text.split("\n", -1);
        long from = start == null ? 1 : start;
        long to = end == null ? lines.length : end;
        if (from < 1) {
            throw new ToolException("start_line must be 1 or more (lines are numbered from 1), not " + from);
        }
        if (from > lines.length) {
            throw new ToolException("start_line " + from + " is past the end of the page, which has " + lines.length
                    + " lines");
        }
        if (to < from) {
            throw new ToolException("end_line (" + to + ") is before start_line (" + from + ")");
        }
        int last = (int) Math.min(to, lines.length);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, (int) from - 1, last));
    }

    /** The window {@code [start, start+max)}; max null or 0 means to the end. */
    static String window(String text, long start, Long max) {
        return WINDOW.of(text, start, max);
    }
}
