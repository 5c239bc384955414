package dev.mcpbridge.lib.files;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A git-style unified diff of two versions of a text, each line ended with \n. */
public final class UnifiedDiff {

    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@");

    private UnifiedDiff() {
    }

    /**
     * The ---/+++ header and the hunks; nothing when the texts are the same.
     *
     * @param context unchanged lines shown around each change
     */
    public static String of(String fromName, String toName, String before, String after, int context) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        Patch<String> patch = DiffUtils.diff(a, b);
        List<String> unified = markMissingNewlines(UnifiedDiffUtils.generateUnifiedDiff(fromName, toName, a, patch,
                context), a.size(), !before.endsWith("\n"), b.size(), !after.endsWith("\n"));
        StringBuilder out = new StringBuilder();
        for (String line : unified) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /**
     * Adds git's {@code \ No newline at end of file} after a hunk line that is the last line of a text without a
     * final newline (java-diff-utils leaves it out).
     */
    private static List<String> markMissingNewlines(List<String> unified, int oldCount, boolean oldOpen, int newCount,
            boolean newOpen) {
        if (!oldOpen && !newOpen) {
            return unified;
        }
        List<String> out = new ArrayList<>();
        int oldLine = 0;
        int newLine = 0;
        boolean inHunk = false;
        for (String line : unified) {
            out.add(line);
            Matcher m = HUNK.matcher(line);
            if (m.find()) {
                oldLine = Integer.parseInt(m.group(1)) - 1;
                newLine = Integer.parseInt(m.group(2)) - 1;
                inHunk = true;
                continue;
            }
            if (!inHunk || line.isEmpty()) {
                continue;
            }
            char kind = line.charAt(0);
            boolean endsOld = false;
            boolean endsNew = false;
            if (kind == ' ' || kind == '-') {
                endsOld = ++oldLine == oldCount && oldOpen;
            }
            if (kind == ' ' || kind == '+') {
                endsNew = ++newLine == newCount && newOpen;
            }
            if (endsOld || endsNew) {
                out.add("\\ No newline at end of file");
            }
        }
        return out;
    }

    /** Lines without their \n; a \r stays, so a CRLF-only change still shows as a change. */
    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return Arrays.asList(body.split("\n", -1));
    }
}
