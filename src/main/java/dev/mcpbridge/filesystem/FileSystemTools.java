package dev.mcpbridge.filesystem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.core.spi.ToolResult;
import dev.mcpbridge.lib.files.AllowedDirectories;
import dev.mcpbridge.lib.files.FileWalk;
import dev.mcpbridge.lib.files.Globs;
import dev.mcpbridge.lib.files.GuardedFiles;
import dev.mcpbridge.lib.files.HeldDirectories;
import dev.mcpbridge.lib.files.HeldFiles;
import dev.mcpbridge.lib.files.LineEndings;
import dev.mcpbridge.lib.files.PathGuard;
import dev.mcpbridge.lib.files.PathGuard.Intent;
import dev.mcpbridge.lib.files.SafeWrites;
import dev.mcpbridge.lib.files.Sizes;
import dev.mcpbridge.lib.files.TextFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The filesystem adapter's tools: the official filesystem server's, with the same names, arguments and output,
 * plus content search, copy and delete. Every path goes through a {@link PathGuard}.
 */
public class FileSystemTools {

    public enum RootsMode { add, replace, ignore }

    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .disable(com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_HEX_UPPER_CASE).build();
    /** JSON laid out as JavaScript's JSON.stringify(value, null, 2) lays it out, as the official server does. */
    private static final DefaultPrettyPrinter TWO_SPACES = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER).withArrayEmptySeparator("")
            .withObjectEmptySeparator("")).withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    private static final Map<String, String> MEDIA_TYPES = Map.ofEntries(Map.entry(".png", "image/png"),
            Map.entry(".jpg", "image/jpeg"), Map.entry(".jpeg", "image/jpeg"), Map.entry(".gif", "image/gif"),
            Map.entry(".webp", "image/webp"), Map.entry(".bmp", "image/bmp"), Map.entry(".svg", "image/svg+xml"),
            Map.entry(".mp3", "audio/mpeg"), Map.entry(".wav", "audio/wav"), Map.entry(".ogg", "audio/ogg"),
            Map.entry(".flac", "audio/flac"));

    /** edit_file writes every line ending as \n, as the official server does (it normalises what it reads). */
    private static final LineEndings EDIT_LINE_ENDINGS = LineEndings.LF;

    private final AllowedDirectories allowed;
    private final long maxReadBytes;

    /**
     * The filesystem adapter's settings, as declared in adapters/filesystem.yaml.
     *
     * @param directories one directory per line: a directory name may hold the path separator, so nothing else
     *     separates them
     * @param windowsRules auto (on Windows only), true or false
     */
    public record Settings(String directories, RootsMode roots, long maxReadBytes, String windowsRules) {
    }

    /** Checks the configured directories at start-up, so that a bad one stops the bridge with a clear message. */
    public FileSystemTools(Settings settings) {
        this.allowed = new AllowedDirectories("filesystem", settings.directories(),
                AllowedDirectories.ClientRoots.valueOf(settings.roots().name()), settings.windowsRules());
        this.maxReadBytes = settings.maxReadBytes();
    }

    /** The sandbox for this call: the configured directories, with the client's roots added or instead. */
    PathGuard guard(ToolCallContext ctx) {
        return allowed.guard(ctx);
    }

    // ---- tools ----

    public TextResult readTextFile(Arguments args, ToolCallContext ctx)
            throws IOException {
        String shown = args.requiredAllowEmpty("path");
        Integer head = integer(args, "head");
        Integer tail = integer(args, "tail");
        Integer startLine = integer(args, "startLine");
        Integer endLine = integer(args, "endLine");
        int ways = (head != null ? 1 : 0) + (tail != null ? 1 : 0) + (startLine != null || endLine != null ? 1 : 0);
        if (ways > 1) {
            throw new ToolException("give only one of head, tail or startLine/endLine");
        }
        PathGuard guard = guard(ctx);
        Path file = regularFile(guard.resolve(shown, Intent.EXISTING), shown);
        String content = read(guard, file, shown, ch -> {
            if (head != null) {
                return TextFile.head(ch, positive(head, "head"));
            }
            if (tail != null) {
                return TextFile.tail(ch, positive(tail, "tail"));
            }
            if (startLine != null || endLine != null) {
                int from = startLine == null ? 1 : positive(startLine, "startLine");
                int to = endLine == null ? Integer.MAX_VALUE : positive(endLine, "endLine");
                if (to < from) {
                    throw new ToolException("endLine (" + to + ") is before startLine (" + from + ")");
                }
                return TextFile.lineRange(ch, from, to);
            }
            return TextFile.readWhole(ch, shown, maxReadBytes);
        });
        return content(content);
    }

    /** read_file: the official server's older name for read_text_file, kept for clients that still call it. */
    public TextResult readFile(Arguments args, ToolCallContext ctx)
            throws IOException {
        return readTextFile(args, ctx);
    }

    public ToolResult readMediaFile(Arguments args,
            ToolCallContext ctx) throws IOException {
        String shown = args.requiredAllowEmpty("path");
        PathGuard guard = guard(ctx);
        Path file = regularFile(guard.resolve(shown, Intent.EXISTING), shown);
        long size = io(shown, () -> Files.size(file));
        if (size > maxReadBytes) {
            throw new ToolException("'" + shown + "' is " + Sizes.format(size) + ", more than the "
                    + Sizes.format(maxReadBytes) + " a read may return");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.')) : "";
        String mimeType = MEDIA_TYPES.getOrDefault(extension, "application/octet-stream");
        String data = Base64.getEncoder().encodeToString(read(guard, file, shown,
                ch -> java.nio.channels.Channels.newInputStream(ch).readNBytes((int) Math.min(maxReadBytes, Integer.MAX_VALUE - 8))));
        ToolResult.Part item;
        Map<String, Object> structured = new LinkedHashMap<>();
        if (mimeType.startsWith("image/") || mimeType.startsWith("audio/")) {
            item = mimeType.startsWith("image/") ? new ToolResult.Image(data, mimeType)
                    : new ToolResult.Audio(data, mimeType);
            structured.put("type", mimeType.startsWith("image/") ? "image" : "audio");
            structured.put("data", data);
            structured.put("mimeType", mimeType);
        } else {
            String uri = file.toUri().toString();
            item = new ToolResult.EmbeddedBlob(uri, mimeType, data);
            structured.put("type", "resource");
            structured.put("resource", Map.of("uri", uri, "mimeType", mimeType, "blob", data));
        }
        return new ToolResult(List.of(item), Map.of("content", List.of(structured)), false);
    }

    public TextResult readMultipleFiles(Arguments args,
            ToolCallContext ctx) {
        PathGuard guard = guard(ctx);
        List<String> parts = new ArrayList<>();
        for (String shown : args.strings("paths")) {
            try {
                Path file = regularFile(guard.resolve(shown, Intent.EXISTING), shown);
                parts.add(shown + ":\n" + read(guard, file, shown, ch -> TextFile.readWhole(ch, shown, maxReadBytes))
                        + "\n");
            } catch (ToolException e) {
                parts.add(shown + ": Error - " + e.getMessage());
            }
        }
        return content(String.join("\n---\n", parts));
    }

    public TextResult writeFile(Arguments args, ToolCallContext ctx) {
        String shown = args.requiredAllowEmpty("path");
        PathGuard guard = guard(ctx);
        Path target = guard.resolve(shown, Intent.CREATE);
        if (Files.isDirectory(target)) {
            throw new ToolException("'" + shown + "' is a directory");
        }
        if (!Files.isDirectory(target.getParent())) {
            throw new ToolException("the parent directory of '" + shown + "' does not exist; create it first");
        }
        io(shown, () -> {
            SafeWrites.write(target, args.requiredAllowEmpty("content"), guard, shown);
            return null;
        });
        return content("Successfully wrote to " + shown);
    }

    public TextResult editFile(Arguments args, ToolCallContext ctx) {
        String shown = args.requiredAllowEmpty("path");
        PathGuard guard = guard(ctx);
        Path file = regularFile(guard.resolve(shown, Intent.EXISTING), shown);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> edits = args.objects("edits");
        boolean dryRun = args.bool("dryRun", false);
        String original = EDIT_LINE_ENDINGS.text(read(guard, file, shown,
                ch -> TextFile.readStrict(ch, shown, maxReadBytes)));
        String revised = FileEdits.apply(original, edits, EDIT_LINE_ENDINGS);
        String diff = FileEdits.diff(original, revised, shown);
        if (!dryRun) {
            io(shown, () -> {
                SafeWrites.write(file, revised, guard, shown);
                return null;
            });
        }
        return content(diff);
    }

    public TextResult createDirectory(Arguments args,
            ToolCallContext ctx) {
        String shown = args.requiredAllowEmpty("path");
        PathGuard guard = guard(ctx);
        Path dir = guard.resolve(shown, Intent.CREATE);
        io(shown, () -> {
            // Each missing level is made under its held parent and opened through it without following links.
            GuardedFiles.createDirectories(guard, dir);
            return dir;
        });
        return content("Successfully created directory " + shown);
    }

    public TextResult listDirectory(Arguments args, ToolCallContext ctx) {
        String shown = args.requiredAllowEmpty("path");
        PathGuard guard = guard(ctx);
        Path dir = guard.resolve(shown, Intent.EXISTING);
        List<String> lines = new ArrayList<>();
        io(shown, () -> {
            for (FileWalk.Listed entry : FileWalk.sortedEntries(guard, dir)) {
                lines.add((entry.attributes().isDirectory() ? "[DIR] " : "[FILE] ") + entry.path().getFileName());
            }
            return null;
        });
        return content(String.join("\n", lines));
    }

    public TextResult listDirectoryWithSizes(Arguments args,
            ToolCallContext ctx) {
        String shown = args.requiredAllowEmpty("path");
        PathGuard guard = guard(ctx);
        Path dir = guard.resolve(shown, Intent.EXISTING);
        String sortBy = args.str("sortBy", "name");
        record Entry(String name, boolean directory, long size) {
        }
        List<Entry> entries = new ArrayList<>();
        io(shown, () -> {
            for (FileWalk.Listed p : FileWalk.sortedEntries(guard, dir)) {
                boolean directory = p.attributes().isDirectory();
                // The entry's own size, read through the held directory: a link is not followed.
                long size = p.attributes().size();
                entries.add(new Entry(p.path().getFileName().toString(), directory, size));
            }
            return null;
        });
        Collator collator = Collator.getInstance(Locale.ROOT);
        List<Entry> sorted = new ArrayList<>(entries);
        // Entries arrive in name order, so equal sizes stay in name order (the sort is stable).
        sorted.sort("size".equals(sortBy) ? Comparator.comparingLong(Entry::size).reversed()
                : (a, b) -> collator.compare(a.name(), b.name()));
        List<String> lines = new ArrayList<>();
        for (Entry e : sorted) {
            lines.add((e.directory() ? "[DIR]" : "[FILE]") + " " + pad(e.name(), 30) + " "
                    + (e.directory() ? "" : padStart(Sizes.format(e.size()), 10)));
        }
        long files = entries.stream().filter(e -> !e.directory()).count();
        long dirs = entries.size() - files;
        long total = entries.stream().filter(e -> !e.directory()).mapToLong(Entry::size).sum();
        lines.add("");
        lines.add("Total: " + files + " files, " + dirs + " directories");
        lines.add("Combined size: " + Sizes.format(total));
        return content(String.join("\n", lines));
    }

    public TextResult directoryTree(Arguments args, ToolCallContext ctx) {
        String shown = args.requiredAllowEmpty("path");
        PathGuard guard = guard(ctx);
        Path root = guard.resolve(shown, Intent.EXISTING);
        if (!Files.isDirectory(root)) {
            throw new ToolException("'" + shown + "' is not a directory");
        }
        List<Map<String, Object>> tree = io(shown,
                () -> Walks.tree(root, Globs.exclusions(args.strings("excludePatterns")), guard));
        try {
            return content(JSON.writer(TWO_SPACES).writeValueAsString(tree));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TextResult moveFile(Arguments args, ToolCallContext ctx) {
        String source = args.requiredAllowEmpty("source");
        String destination = args.requiredAllowEmpty("destination");
        PathGuard guard = guard(ctx);
        Path from = guard.resolve(source, Intent.ENTRY);
        Path to = guard.resolve(destination, Intent.CREATE);
        if (guard.roots().contains(from)) {
            throw new ToolException("'" + source + "' is an allowed directory itself and cannot be moved");
        }
        if (to.startsWith(from)) {
            throw new ToolException("cannot move '" + source + "' into itself ('" + destination + "')");
        }
        // By handle: a rename, or across file systems a copy, then the source removed.
        io(destination, () -> {
            GuardedFiles.move(guard, from, to, false);
            return null;
        });
        return content("Successfully moved " + source + " to " + destination);
    }

    public TextResult searchFiles(Arguments args, ToolCallContext ctx) {
        String shown = args.requiredAllowEmpty("path");
        PathGuard guard = guard(ctx);
        Path root = guard.resolve(shown, Intent.EXISTING);
        List<String> found = io(shown, () -> Walks.search(root, Globs.of(List.of(args.requiredAllowEmpty("pattern"))),
                Globs.of(args.strings("excludePatterns")), guard));
        return content(found.isEmpty() ? "No matches found" : String.join("\n", found));
    }

    public TextResult getFileInfo(Arguments args, ToolCallContext ctx) {
        String shown = args.requiredAllowEmpty("path");
        Path path = guard(ctx).resolve(shown, Intent.EXISTING);
        BasicFileAttributes attrs = io(shown, () -> Files.readAttributes(path, BasicFileAttributes.class));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("size", attrs.size());
        info.put("created", attrs.creationTime().toInstant().toString());
        info.put("modified", attrs.lastModifiedTime().toInstant().toString());
        info.put("accessed", attrs.lastAccessTime().toInstant().toString());
        info.put("isDirectory", attrs.isDirectory());
        info.put("isFile", attrs.isRegularFile());
        info.put("permissions", permissions(path));
        List<String> lines = new ArrayList<>();
        info.forEach((k, v) -> lines.add(k + ": " + v));
        return content(String.join("\n", lines));
    }

    public TextResult listAllowedDirectories(ToolCallContext ctx) {
        List<String> lines = new ArrayList<>();
        lines.add("Allowed directories:");
        guard(ctx).roots().forEach(root -> lines.add(root.toString()));
        return content(String.join("\n", lines));
    }

    public TextResult searchFileContents(Arguments args,
            ToolCallContext ctx) {
        String shown = args.requiredAllowEmpty("path");
        PathGuard guard = guard(ctx);
        Path root = guard.resolve(shown, Intent.EXISTING);
        SearchFileContents search = new SearchFileContents(args.requiredAllowEmpty("pattern"), args.bool("literal", false),
                args.bool("caseSensitive", true), (int) args.integer("contextLines", 0),
                (int) args.integer("maxMatchesPerFile", 20), (int) args.integer("maxMatches", 200), maxReadBytes);
        List<Path> files = io(shown, () -> FileWalk.files(root, shown, Integer.MAX_VALUE - 1,
                Globs.of(args.strings("include")), Globs.of(args.strings("exclude")), false, guard)).stream()
                .map(FileWalk.Found::file).toList();
        SearchFileContents.Result result;
        // The walk saw each file by path; it is read through its held directory (each directory opened once for
        // the search), so a directory swapped for a link meanwhile is not followed.
        try (HeldDirectories held = HeldDirectories.of(guard)) {
            result = search.run(files, guard, held, ctx == null ? () -> false : ctx::cancelled);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("matches", result.hits().stream().map(SearchFileContents.Hit::toMap).toList());
        data.put("filesSearched", result.filesSearched());
        data.put("filesMatched", result.filesMatched());
        data.put("truncated", result.truncated());
        return new TextResult(SearchFileContents.format(result), data);
    }

    public TextResult copyFile(Arguments args, ToolCallContext ctx) {
        String source = args.requiredAllowEmpty("source");
        String destination = args.requiredAllowEmpty("destination");
        boolean overwrite = args.bool("overwrite", false);
        PathGuard guard = guard(ctx);
        Path from = guard.resolve(source, Intent.EXISTING);
        Path to = guard.resolve(destination, Intent.CREATE);
        if (to.startsWith(from)) {
            throw new ToolException("cannot copy '" + source + "' into itself ('" + destination + "')");
        }
        int copied = io(destination, () -> Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)
                // A file: read through the held source, staged and renamed into the held destination's parent.
                ? GuardedFiles.copy(guard, from, to, overwrite).files()
                : SafeWrites.copyTree(from, to, overwrite));
        return content("Successfully copied " + source + " to " + destination + " (" + copied
                + (copied == 1 ? " file)" : " files)"));
    }

    public TextResult deleteFile(Arguments args, ToolCallContext ctx) {
        String shown = args.requiredAllowEmpty("path");
        boolean recursive = args.bool("recursive", false);
        PathGuard guard = guard(ctx);
        Path lexical = guard.resolve(shown, Intent.ENTRY);
        if (guard.roots().contains(lexical)) {
            throw new ToolException("'" + shown + "' is an allowed directory itself and cannot be deleted");
        }
        int deleted = io(shown, () -> {
            if (HeldFiles.supported()) {
                try (HeldFiles.Entry entry = HeldFiles.open(guard, lexical)) {
                    if (entry.attributes().isDirectory() && !recursive) {
                        try (DirectoryStream<Path> entries = entry.openDirectory()) {
                            if (entries.iterator().hasNext()) {
                                throw new ToolException("'" + shown + "' is a directory that is not empty; set "
                                        + "recursive: true to delete it with everything in it");
                            }
                        }
                    }
                    return entry.delete();
                }
            }
            if (Files.isDirectory(lexical, LinkOption.NOFOLLOW_LINKS)) {
                if (!recursive) {
                    try (DirectoryStream<Path> entries = Files.newDirectoryStream(lexical)) {
                        if (entries.iterator().hasNext()) {
                            throw new ToolException("'" + shown + "' is a directory that is not empty; set "
                                    + "recursive: true to delete it with everything in it");
                        }
                    }
                }
                return SafeWrites.deleteTree(lexical);
            }
            Files.delete(lexical);
            return 1;
        });
        return content("Successfully deleted " + shown + (deleted > 1 ? " (" + deleted + " entries)" : ""));
    }

    // ---- helpers ----

    private static TextResult content(String text) {
        return new TextResult(text, Map.of("content", text));
    }

    private static Path regularFile(Path path, String shown) {
        if (Files.isDirectory(path)) {
            throw new ToolException("'" + shown + "' is a directory, not a file");
        }
        return path;
    }

    private interface IoAction<T> {
        T run() throws IOException;
    }

    /** What is done with a file once it is open. */
    private interface ChannelRead<T> {
        T read(SeekableByteChannel channel) throws IOException;
    }

    /**
     * Reads a checked file through a handle opened component by component from its allowed directory; a special
     * file is refused before it is opened.
     */
    private static <T> T read(PathGuard guard, Path file, String shown, ChannelRead<T> reader) {
        return io(shown, () -> {
            try (SeekableByteChannel channel = GuardedFiles.openRead(guard, file)) {
                return reader.read(channel);
            }
        });
    }

    /** Runs file I/O, turning its exceptions into messages that name the path as the user gave it. */
    private static <T> T io(String shown, IoAction<T> action) {
        try {
            return action.run();
        } catch (NoSuchFileException e) {
            throw new ToolException("'" + shown + "' does not exist");
        } catch (FileAlreadyExistsException e) {
            throw new ToolException("'" + shown + "' already exists");
        } catch (AccessDeniedException e) {
            throw new ToolException("permission denied for '" + shown + "'");
        } catch (NotDirectoryException e) {
            throw new ToolException("'" + shown + "' is not a directory");
        } catch (DirectoryNotEmptyException e) {
            throw new ToolException("'" + shown + "' is a directory that is not empty");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ToolException("'" + shown + "' is not UTF-8 text; use read_media_file");
        } catch (HeldFiles.NotRegular e) {
            throw new ToolException("'" + shown + "' is a special file (FIFO, socket or device), not a regular "
                    + "file; it is not opened");
        } catch (HeldFiles.Replaced e) {
            throw new ToolException("access denied: '" + shown + "' moved outside the allowed directories (a "
                    + "directory on its path was replaced by a link after the check)");
        } catch (IOException e) {
            throw new ToolException("'" + shown + "' could not be read or written (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    private static String permissions(Path path) {
        try {
            String rwx = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
            int mode = 0;
            for (int i = 0; i < 9; i++) {
                mode = (mode << 1) | (rwx.charAt(i) == '-' ? 0 : 1);
            }
            return String.format("%03o", mode);
        } catch (IOException | UnsupportedOperationException e) {
            return "unknown";
        }
    }

    private static Integer integer(Arguments args, String name) {
        Long value = args.integer(name);
        return value == null ? null : value.intValue();
    }

    private static int positive(int value, String name) {
        if (value < 1) {
            throw new ToolException(name + " must be at least 1");
        }
        return value;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String padStart(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}
