package dev.mcpbridge.quickfiles;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.Arrays;
import java.util.List;

/** A git-style unified diff of two versions of a file, named as the user gave it. */
final class UnifiedDiff {

    private UnifiedDiff() {
    }

    static String of(String shown, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        Patch<String> patch = DiffUtils.diff(a, b);
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("a/" + shown, "b/" + shown, a, patch, 3);
        StringBuilder out = new StringBuilder();
        for (String line : diff) {
            out.append(line).append('\n');
        }
        if (!before.endsWith("\n") && !before.isEmpty() || !after.endsWith("\n") && !after.isEmpty()) {
            if (before.endsWith("\n") != after.endsWith("\n")) {
                out.append("\\ No newline at end of file (").append(before.endsWith("\n") ? "after" : "before")
                        .append(" the change)\n");
            }
        }
        return out.toString();
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
