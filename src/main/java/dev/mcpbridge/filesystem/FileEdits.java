package dev.mcpbridge.filesystem;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import dev.mcpbridge.core.spi.ToolException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * edit_file's algorithm, as the official server's: each edit's oldText is matched exactly first, else line by line
 * ignoring leading and trailing whitespace, and the replacement keeps the matched block's indentation. Unlike the
 * official server, an oldText that matches in more than one place is an error rather than a silent first match.
 */
final class FileEdits {

    private FileEdits() {
    }

    /** @return the new content */
    static String apply(String original, List<Map<String, Object>> edits) {
        String content = original;
        int n = 0;
        for (Map<String, Object> edit : edits) {
            n++;
            String oldText = normalize(String.valueOf(edit.get("oldText")));
            String newText = normalize(String.valueOf(edit.get("newText")));
            if (oldText.isEmpty()) {
                throw new ToolException("edit " + n + ": oldText is empty");
            }
            int first = content.indexOf(oldText);
            if (first >= 0) {
                if (content.indexOf(oldText, first + 1) >= 0) {
                    throw new ToolException("edit " + n + ": oldText matches more than one place; add surrounding "
                            + "lines to make it unique:\n" + oldText);
                }
                content = content.substring(0, first) + newText + content.substring(first + oldText.length());
                continue;
            }
            content = lineMatch(content, oldText, newText, n);
        }
        return content;
    }

    private static String lineMatch(String content, String oldText, String newText, int n) {
        String[] oldLines = oldText.split("\n", -1);
        List<String> lines = new ArrayList<>(Arrays.asList(content.split("\n", -1)));
        int found = -1;
        for (int i = 0; i + oldLines.length <= lines.size(); i++) {
            boolean match = true;
            for (int j = 0; j < oldLines.length && match; j++) {
                match = oldLines[j].strip().equals(lines.get(i + j).strip());
            }
            if (match) {
                if (found >= 0) {
                    throw new ToolException("edit " + n + ": oldText matches more than one place (ignoring "
                            + "whitespace); add surrounding lines to make it unique:\n" + oldText);
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new ToolException("edit " + n + ": could not find a match for:\n" + oldText);
        }
        // The file's block may sit deeper (or shallower) than the model wrote oldText: shift every new line by the
        // same amount, so the new block keeps both the file's indentation and its own nesting.
        String fileIndent = leading(lines.get(found));
        int oldIndent = leading(oldLines[0]).length();
        String[] newLines = newText.split("\n", -1);
        List<String> replacement = new ArrayList<>();
        for (String line : newLines) {
            if (line.isBlank()) {
                replacement.add(line.strip());
                continue;
            }
            String lead = leading(line);
            int relative = lead.length() - oldIndent;
            String indent = relative >= 0 ? fileIndent + lead.substring(oldIndent)
                    : fileIndent.substring(0, Math.max(0, fileIndent.length() + relative));
            replacement.add(indent + line.stripLeading());
        }
        for (int j = 0; j < oldLines.length; j++) {
            lines.remove(found);
        }
        lines.addAll(found, replacement);
        return String.join("\n", lines);
    }

    /** A git-style unified diff in a fenced block, as the official server returns it. */
    static String diff(String original, String revised, String name) {
        List<String> a = lines(original);
        List<String> b = lines(revised);
        Patch<String> patch = DiffUtils.diff(a, b);
        List<String> unified = markMissingNewlines(
                UnifiedDiffUtils.generateUnifiedDiff(name + "\toriginal", name + "\tmodified", a, patch, 4),
                a.size(), !original.endsWith("\n"), b.size(), !revised.endsWith("\n"));
        String text = "Index: " + name + "\n===================================================================\n"
                + (unified.isEmpty() ? "--- " + name + "\toriginal\n+++ " + name + "\tmodified\n"
                        : String.join("\n", unified) + "\n");
        String fence = "```";
        while (text.contains(fence)) {
            fence += "`";
        }
        return fence + "diff\n" + text + fence + "\n\n";
    }

    /**
     * Adds git's {@code \ No newline at end of file} after a hunk line that is the last line of a file without a
     * final newline, as the official server's diff does (java-diff-utils leaves it out).
     */
    private static List<String> markMissingNewlines(List<String> unified, int oldCount, boolean oldOpen, int newCount,
            boolean newOpen) {
        if (!oldOpen && !newOpen) {
            return unified;
        }
        java.util.regex.Pattern hunk = java.util.regex.Pattern.compile("^@@ -(\\d+)(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@");
        List<String> out = new ArrayList<>();
        int oldLine = 0;
        int newLine = 0;
        boolean inHunk = false;
        for (String line : unified) {
            out.add(line);
            java.util.regex.Matcher m = hunk.matcher(line);
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

    /** The lines of a text; the newline that ends the last line does not start another. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    static String normalize(String text) {
        return text.replace("\r\n", "\n");
    }

    private static String leading(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return line.substring(0, i);
    }
}
