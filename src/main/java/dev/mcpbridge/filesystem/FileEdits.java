package dev.mcpbridge.filesystem;

import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.files.LineEndings;
import dev.mcpbridge.lib.files.UnifiedDiff;
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

    /**
     * @param original the file's text as {@code endings} has it edited ({@link LineEndings#text}); the line match
     *     expects \n line endings
     * @return the new content
     */
    static String apply(String original, List<Map<String, Object>> edits, LineEndings endings) {
        String content = original;
        int n = 0;
        for (Map<String, Object> edit : edits) {
            n++;
            String[] texts = endings.literal(content, String.valueOf(edit.get("oldText")),
                    String.valueOf(edit.get("newText")));
            String oldText = texts[0];
            String newText = texts[1];
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
        String unified = UnifiedDiff.of(name + "\toriginal", name + "\tmodified", original, revised, 4);
        String text = "Index: " + name + "\n===================================================================\n"
                + (unified.isEmpty() ? "--- " + name + "\toriginal\n+++ " + name + "\tmodified\n" : unified);
        String fence = "```";
        while (text.contains(fence)) {
            fence += "`";
        }
        return fence + "diff\n" + text + fence + "\n\n";
    }

    private static String leading(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return line.substring(0, i);
    }
}
