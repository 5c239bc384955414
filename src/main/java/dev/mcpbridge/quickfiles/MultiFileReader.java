package dev.mcpbridge.quickfiles;

import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.files.FileBytes;
import dev.mcpbridge.lib.files.GuardedFiles;
import dev.mcpbridge.lib.files.PathGuard;
import dev.mcpbridge.lib.files.PathGuard.Intent;
import dev.mcpbridge.lib.files.TextFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * read_multiple_files: each file as {@code --- path ---} and its lines ({@code N | text}), within per-file and
 * total caps. Files are read line by line, so a cap bounds memory as well as output, whatever the file's size. Line
 * numbers are the file's own, blank lines included, also inside excerpts.
 */
final class MultiFileReader {

    /** One excerpt: lines start..end, 1-based and inclusive. */
    record Excerpt(int start, int end) {
    }

    /** One file to read, with optional excerpts. */
    record Request(String path, List<Excerpt> excerpts) {
    }

    record Limits(boolean lineNumbers, int maxLinesPerFile, int maxCharsPerFile, int maxTotalLines, int maxTotalChars) {
    }

    private int totalLines;
    private int totalChars;
    private final Limits limits;

    private MultiFileReader(Limits limits) {
        this.limits = limits;
    }

    /** The report, and whether every file failed. */
    record Report(String text, boolean allFailed) {
    }

    static Report read(List<Request> requests, Limits limits, PathGuard guard) {
        return new MultiFileReader(limits).readAll(requests, guard);
    }

    /** The paths argument: strings or {path, excerpts: [{start, end}]}. */
    static List<Request> requests(List<Object> paths) {
        if (paths == null || paths.isEmpty()) {
            throw new ToolException("paths must list at least one file");
        }
        List<Request> requests = new ArrayList<>();
        for (Object item : paths) {
            if (item instanceof String s) {
                requests.add(new Request(s, null));
            } else if (item instanceof Map<?, ?> m && m.get("path") instanceof String p) {
                List<Excerpt> excerpts = null;
                if (m.get("excerpts") instanceof List<?> list) {
                    excerpts = new ArrayList<>();
                    for (Object e : list) {
                        if (!(e instanceof Map<?, ?> em) || !(em.get("start") instanceof Number start)
                                || !(em.get("end") instanceof Number end)) {
                            throw new ToolException("each excerpt of '" + p + "' needs a numeric start and end");
                        }
                        excerpts.add(new Excerpt(start.intValue(), end.intValue()));
                    }
                }
                requests.add(new Request(p, excerpts));
            } else {
                requests.add(new Request(null, null));
            }
        }
        return requests;
    }

    private Report readAll(List<Request> requests, PathGuard guard) {
        List<String> sections = new ArrayList<>();
        int failed = 0;
        for (Request request : requests) {
            String shown = request.path() == null ? "(invalid entry)" : request.path();
            String body;
            try {
                if (request.path() == null) {
                    throw new ToolException("each entry must be a path or {path, excerpts}");
                }
                if (totalLines >= limits.maxTotalLines() || totalChars >= limits.maxTotalChars()) {
                    body = "SKIPPED: the total limit (max_total_lines " + limits.maxTotalLines() + ", max_total_chars "
                            + limits.maxTotalChars() + ") was reached before this file";
                } else {
                    body = readOne(request, guard);
                }
            } catch (ToolException e) {
                failed++;
                body = "ERROR: " + e.getMessage();
            } catch (IOException e) {
                failed++;
                body = "ERROR: '" + shown + "' could not be read (" + FileBytes.reason(e) + ")";
            }
            sections.add("--- " + shown + " ---\n" + body);
        }
        return new Report(String.join("\n\n", sections), failed == requests.size());
    }

    /** The file is opened once, through its held directory, and everything is read from that one channel. */
    private String readOne(Request request, PathGuard guard) throws IOException {
        Path file = guard.resolve(request.path(), Intent.EXISTING);
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolException("'" + request.path() + "' is a directory");
        }
        try (SeekableByteChannel channel = GuardedFiles.openRead(guard, file)) {
            if (channel.size() == 0) {
                return "(empty)";
            }
            byte[] start = Channels.newInputStream(channel).readNBytes(8192);
            if (TextFile.looksBinary(start)) {
                return "(binary file, not shown)";
            }
            channel.position(0);
            if (request.excerpts() != null && !request.excerpts().isEmpty()) {
                return excerpts(channel, start, request);
            }
            return whole(channel, start);
        }
    }

    private String whole(SeekableByteChannel file, byte[] start) throws IOException {
        StringBuilder out = new StringBuilder();
        String truncatedBy = null;
        int lines = 0;
        int chars = 0;
        try (BufferedReader reader = open(file, start)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (lines >= limits.maxLinesPerFile()) {
                    truncatedBy = "max_lines_per_file " + limits.maxLinesPerFile();
                    break;
                }
                if (totalLines >= limits.maxTotalLines()) {
                    truncatedBy = "max_total_lines " + limits.maxTotalLines();
                    break;
                }
                int room = Math.min(limits.maxCharsPerFile() - chars, limits.maxTotalChars() - totalChars);
                if (room <= 0) {
                    truncatedBy = chars >= limits.maxCharsPerFile() ? "max_chars_per_file " + limits.maxCharsPerFile()
                            : "max_total_chars " + limits.maxTotalChars();
                    break;
                }
                if (line.length() > room) {
                    line = line.substring(0, room);
                    truncatedBy = limits.maxCharsPerFile() - chars <= limits.maxTotalChars() - totalChars
                            ? "max_chars_per_file " + limits.maxCharsPerFile()
                            : "max_total_chars " + limits.maxTotalChars();
                }
                appendLine(out, number, line);
                lines++;
                chars += line.length() + 1;
                totalLines++;
                totalChars += line.length() + 1;
                if (truncatedBy != null) {
                    break;
                }
            }
        }
        if (out.length() > 0) {
            out.setLength(out.length() - 1);
        }
        if (truncatedBy != null) {
            out.append("\n\n(additional lines not shown: ").append(truncatedBy).append(" reached)");
        }
        return out.toString();
    }

    private String excerpts(SeekableByteChannel file, byte[] start, Request request) throws IOException {
        List<Excerpt> excerpts = request.excerpts();
        int last = 0;
        for (Excerpt e : excerpts) {
            if (e.start() < 1) {
                throw new ToolException("excerpt start must be 1 or more, not " + e.start());
            }
            if (e.end() < e.start()) {
                throw new ToolException("excerpt end (" + e.end() + ") must not be before its start (" + e.start() + ")");
            }
            last = Math.max(last, e.end());
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = open(file, start)) {
            String line;
            while (lines.size() < last && (line = reader.readLine()) != null) {
                lines.add(lines.isEmpty() && line.startsWith("\uFEFF") ? line.substring(1) : line);
            }
        }
        StringBuilder out = new StringBuilder();
        String truncatedBy = null;
        for (int i = 0; i < excerpts.size() && truncatedBy == null; i++) {
            Excerpt e = excerpts.get(i);
            if (i > 0) {
                out.append("...\n");
            }
            if (e.start() > lines.size()) {
                out.append("(lines ").append(e.start()).append('-').append(e.end())
                        .append(" are past the end of the file, which has ").append(lines.size()).append(" lines)\n");
                continue;
            }
            for (int n = e.start(); n <= Math.min(e.end(), lines.size()); n++) {
                String line = lines.get(n - 1);
                if (totalLines >= limits.maxTotalLines() || totalChars + line.length() > limits.maxTotalChars()) {
                    truncatedBy = totalLines >= limits.maxTotalLines() ? "max_total_lines " + limits.maxTotalLines()
                            : "max_total_chars " + limits.maxTotalChars();
                    break;
                }
                appendLine(out, n, line);
                totalLines++;
                totalChars += line.length() + 1;
            }
        }
        if (out.length() > 0) {
            out.setLength(out.length() - 1);
        }
        if (truncatedBy != null) {
            out.append("\n\n(additional lines not shown: ").append(truncatedBy).append(" reached)");
        }
        return out.toString();
    }

    private void appendLine(StringBuilder out, int number, String line) {
        if (limits.lineNumbers()) {
            out.append(number).append(" | ");
        }
        out.append(line).append('\n');
    }

    /**
     * UTF-16 by its byte-order mark, otherwise UTF-8 with malformed bytes shown as U+FFFD. The reader does not
     * close the channel: its owner does.
     */
    private static BufferedReader open(SeekableByteChannel channel, byte[] start) {
        Charset bom = TextFile.bomCharset(start);
        Charset charset = bom != null ? bom : StandardCharsets.UTF_8;
        InputStream in = new java.io.FilterInputStream(Channels.newInputStream(channel)) {
            @Override
            public void close() {
                // the channel is closed by readOne
            }
        };
        return new BufferedReader(new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)));
    }
}
