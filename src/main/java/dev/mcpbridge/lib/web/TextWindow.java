package dev.mcpbridge.lib.web;

import dev.mcpbridge.core.spi.ToolException;

/**
 * A window of characters of a page's text, {@code [start, start+max)}, with a note saying where to go on when the
 * window leaves text out. The names are the tool's arguments, which the messages and the note name.
 *
 * @param startName the argument that gives the start
 * @param maxName the argument that gives the most characters returned
 * @param endIsPastEnd a start at the very end of a non-empty text is refused, rather than giving an empty window
 */
public record TextWindow(String startName, String maxName, boolean endIsPastEnd) {

    /** @param max null or 0 for the rest of the text */
    public String of(String text, long start, Long max) {
        if (start < 0) {
            throw new ToolException(startName + " must be 0 or more, not " + start);
        }
        if (max != null && max < 0) {
            throw new ToolException(maxName + " must be 1 or more, not " + max);
        }
        if (start == 0 && (max == null || max == 0 || max >= text.length())) {
            return text;
        }
        if (start > text.length() || endIsPastEnd && start == text.length()) {
            throw new ToolException(startName + " " + start + " is past the end of the content (" + text.length()
                    + " characters)");
        }
        int end = max == null || max == 0 ? text.length() : (int) Math.min(start + max, text.length());
        String part = text.substring((int) start, end);
        if (end < text.length()) {
            part += "\n\n[Content truncated: characters " + start + "-" + end + " of " + text.length()
                    + "; continue with " + startName + "=" + end + "]";
        }
        return part;
    }
}
