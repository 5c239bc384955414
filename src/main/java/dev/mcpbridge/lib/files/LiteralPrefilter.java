package dev.mcpbridge.lib.files;

import java.nio.charset.StandardCharsets;

/**
 * A quick test on a file's raw bytes that rules out most files without decoding them: when the search is plain
 * ASCII text (a literal, or a regex without metacharacters), a file whose bytes do not contain it, ASCII case
 * folded if asked, cannot match. ASCII bytes never occur inside UTF-8 multi-byte sequences, and Latin-1 files are
 * read byte for byte, so this never rules out a file that matches; the regex still decides on the files it keeps.
 */
public final class LiteralPrefilter {

    /**
     * UTF-8 of the non-ASCII letters that Unicode case-insensitive matching may equate with ASCII ones: KELVIN
     * SIGN (k), LONG S (s), and (in some engines) dotted capital I and dotless small i (i).
     */
    private static final byte[][] FOLD_TO_ASCII = {"\u212A".getBytes(StandardCharsets.UTF_8),
        "\u017F".getBytes(StandardCharsets.UTF_8), "\u0130".getBytes(StandardCharsets.UTF_8),
        "\u0131".getBytes(StandardCharsets.UTF_8)};

    private final byte[] needle;
    private final boolean ignoreCase;
    private final boolean foldsFromNonAscii;

    private LiteralPrefilter(byte[] needle, boolean ignoreCase) {
        this.needle = needle;
        this.ignoreCase = ignoreCase;
        boolean ks = false;
        for (byte b : needle) {
            ks |= b == 'k' || b == 's' || b == 'i';
        }
        this.foldsFromNonAscii = ignoreCase && ks;
    }

    /** The prefilter for a pattern, or null when its text is not plain ASCII. */
    public static LiteralPrefilter of(SearchPattern pattern) {
        String text = pattern.text();
        boolean literal = pattern.literal();
        if (text.isEmpty()) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 128 || c < 32 || (!literal && "\\^$.|?*+()[]{}".indexOf(c) >= 0)) {
                return null;
            }
        }
        boolean ignoreCase = !pattern.caseSensitive();
        byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
        if (ignoreCase) {
            for (int i = 0; i < needle.length; i++) {
                needle[i] = lower(needle[i]);
            }
        }
        return new LiteralPrefilter(needle, ignoreCase);
    }

    /** False only when the file certainly holds no match. */
    public boolean mayMatch(byte[] bytes) {
        if (indexOf(bytes, needle, ignoreCase) >= 0) {
            return true;
        }
        if (foldsFromNonAscii) {
            for (byte[] letter : FOLD_TO_ASCII) {
                if (indexOf(bytes, letter, false) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int indexOf(byte[] hay, byte[] needle, boolean ignoreCase) {
        int n = needle.length;
        byte first = needle[0];
        byte firstUpper = ignoreCase ? upper(first) : first;
        outer:
        for (int i = 0, last = hay.length - n; i <= last; i++) {
            byte b = hay[i];
            if (b != first && b != firstUpper) {
                continue;
            }
            for (int j = 1; j < n; j++) {
                byte h = hay[i + j];
                if (h != needle[j] && (!ignoreCase || lower(h) != needle[j])) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }

    private static byte upper(byte b) {
        return b >= 'a' && b <= 'z' ? (byte) (b - 32) : b;
    }
}
