package dev.mcpbridge.github;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Cleans text written by GitHub users before a model reads it, and cuts big content at a window. Invisible and
 * bidirectional control characters (zero-width spaces and joiners, bidi overrides and isolates, the Unicode tag
 * block used to smuggle hidden instructions, BOMs, soft hyphens) are removed, and so are HTML comments, which
 * GitHub never renders: both are ways to hide text from the person reading the issue but not from the model.
 */
public final class SafeText {

    private static final Pattern INVISIBLE = Pattern.compile(
            "[\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u200B-\\u200F\\u202A-\\u202E"
                    + "\\u2060-\\u206F\\u3164\\uFE00-\\uFE0F\\uFEFF\\uFFA0\\uFFF0-\\uFFFB]"
                    + "|[\\x{E0000}-\\x{E01EF}]"); // tag characters (ASCII smuggling) and variation selectors supplement
    private static final Pattern HTML_COMMENT = Pattern.compile("<!--.*?(-->|$)", Pattern.DOTALL);

    private SafeText() {
    }

    /** User-written text (titles, bodies, comments, commit messages) fit for a model. */
    public static String clean(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = INVISIBLE.matcher(text).replaceAll("");
        if (out.contains("<!--")) {
            out = HTML_COMMENT.matcher(out).replaceAll("");
        }
        return out;
    }

    /** Only the invisible characters, for content where HTML comments are data (file contents, diffs, logs). */
    public static String cleanInvisible(String text) {
        return text == null || text.isEmpty() ? text : INVISIBLE.matcher(text).replaceAll("");
    }

    /** True when the bytes look binary: a NUL byte in the first 8 KiB, or not valid UTF-8. */
    public static boolean binary(byte[] bytes) {
        int n = Math.min(bytes.length, 8192);
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return false;
        } catch (CharacterCodingException e) {
            return true;
        }
    }

    /** A slice of a long text and the notice that says how to read on. */
    public record Window(String text, String notice) {

        public String withNotice() {
            return notice == null ? text : text + "\n\n" + notice;
        }
    }

    /**
     * Cuts {@code text} at {@code max} characters from {@code offset}, never inside a surrogate pair; the notice says
     * which part is shown and the offset to ask for next.
     */
    public static Window window(String text, long offset, int max, String what) {
        int length = text.length();
        if (offset < 0) {
            offset = 0;
        }
        if (offset == 0 && length <= max) {
            return new Window(text, null);
        }
        if (offset >= length) {
            return new Window("", "[" + what + " has " + length + " characters; offset " + offset
                    + " is past its end]");
        }
        int start = (int) offset;
        if (start > 0 && Character.isLowSurrogate(text.charAt(start))) {
            start--;
        }
        int end = (int) Math.min(length, (long) start + max);
        if (end < length && end > start && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        String slice = text.substring(start, end);
        String notice = end < length
                ? "[" + what + " cut at the content window: characters " + start + "-" + end + " of " + length
                        + " shown; call again with offset=" + end + " for the rest]"
                : "[" + what + ": characters " + start + "-" + end + " of " + length + " shown (the end)]";
        return new Window(slice, notice);
    }
}
