package dev.mcpbridge.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpbridge.core.invoke.CallContext;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every filesystem tool through the invoker, as a client calls it: happy paths, each documented error, bad input,
 * and the output shapes of the official server. One bridge serves one temporary directory; each test works in its
 * own sub-directory (named after the test), which is also the prefix of the paths it passes to the tools.
 */
class FileSystemToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static Path root;
    private static FsBridge fs;

    /** This test's own directory, and its name relative to the allowed directory. */
    private Path dir;
    private String t;

    @BeforeAll
    static void start() throws IOException {
        root = tmp.toRealPath();
        fs = FsBridge.start(Map.of("directories", root.toString(), "allowDelete", "true"));
    }

    @AfterAll
    static void stop() {
        fs.close();
    }

    @BeforeEach
    void ownDirectory(TestInfo info) throws IOException {
        t = info.getTestClass().orElseThrow().getSimpleName() + "." + info.getTestMethod().orElseThrow().getName();
        dir = Files.createDirectories(root.resolve(t));
    }

    private String p(String relative) {
        return t + "/" + relative;
    }

    private Path f(String relative) {
        return dir.resolve(relative);
    }

    private Path write(String relative, String content) {
        try {
            Files.createDirectories(f(relative).getParent());
            return Files.writeString(f(relative), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> args(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static String ok(String tool, Map<String, Object> args) {
        return fs.ok(tool, args);
    }

    private static String error(String tool, Map<String, Object> args) {
        return fs.error(tool, args);
    }

    private static Set<String> names(Path directory) throws IOException {
        try (Stream<Path> s = Files.list(directory)) {
            return s.map(x -> x.getFileName().toString()).collect(Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    private static String perms(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
    }

    // =============================================================== read_text_file / read_file

    @Test
    void readTextFileWholeHeadAndLineRanges() {
        write("lines.txt", "one\ntwo\nthree\nfour\nfive\n");
        String path = p("lines.txt");
        assertThat(ok("read_text_file", args("path", path))).isEqualTo("one\ntwo\nthree\nfour\nfive\n");
        assertThat(ok("read_file", args("path", path))).isEqualTo("one\ntwo\nthree\nfour\nfive\n");
        assertThat(ok("read_text_file", args("path", path, "head", 2))).isEqualTo("one\ntwo");
        assertThat(ok("read_text_file", args("path", path, "head", 100))).isEqualTo("one\ntwo\nthree\nfour\nfive");
        assertThat(ok("read_text_file", args("path", path, "startLine", 2, "endLine", 4)))
                .isEqualTo("two\nthree\nfour");
        assertThat(ok("read_text_file", args("path", path, "startLine", 3, "endLine", 3))).isEqualTo("three");
        assertThat(ok("read_text_file", args("path", path, "startLine", 4))).isEqualTo("four\nfive");
        assertThat(ok("read_text_file", args("path", path, "endLine", 2))).isEqualTo("one\ntwo");
        assertThat(ok("read_text_file", args("path", path, "startLine", 4, "endLine", 99))).isEqualTo("four\nfive");
        assertThat(ok("read_text_file", args("path", path, "startLine", 9))).isEmpty();
        assertThat(ok("read_file", args("path", path, "head", 1))).isEqualTo("one");
    }

    @Test
    void readTextFileTailOfAFileWithoutAFinalNewline() {
        write("tail.txt", "a\nb\nc");
        assertThat(ok("read_text_file", args("path", p("tail.txt"), "tail", 2))).isEqualTo("b\nc");
        assertThat(ok("read_text_file", args("path", p("tail.txt"), "tail", 1))).isEqualTo("c");
        assertThat(ok("read_text_file", args("path", p("tail.txt"), "tail", 10))).isEqualTo("a\nb\nc");
        write("empty.txt", "");
        assertThat(ok("read_text_file", args("path", p("empty.txt"), "tail", 3))).isEmpty();
        assertThat(ok("read_text_file", args("path", p("empty.txt"), "head", 3))).isEmpty();
    }

    @Test
    void readTextFileTailAcrossManyChunksAndCrlf() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 5000; i++) {
            sb.append("line ").append(i).append("\r\n");
        }
        sb.append("last");
        write("long.txt", sb.toString());
        assertThat(ok("read_text_file", args("path", p("long.txt"), "tail", 3))).isEqualTo("line 4999\nline 5000\nlast");
        assertThat(ok("read_text_file", args("path", p("long.txt"), "head", 2))).isEqualTo("line 1\nline 2");
        assertThat(ok("read_text_file", args("path", p("long.txt"), "startLine", 2500, "endLine", 2501)))
                .isEqualTo("line 2500\nline 2501");
    }

    @Test
    void readTextFileTailReturnsTheLastLinesOfAFileEndingWithANewline() {
        write("lines.txt", "one\ntwo\nthree\nfour\nfive\n");
        assertThat(ok("read_text_file", args("path", p("lines.txt"), "tail", 1))).isIn("five", "five\n");
        assertThat(ok("read_text_file", args("path", p("lines.txt"), "tail", 2))).isIn("four\nfive", "four\nfive\n");
    }

    @Test
    void readTextFileRefusesBadCombinationsAndValues() {
        write("x.txt", "1\n2\n3\n4\n5\n");
        String path = p("x.txt");
        String onlyOne = "give only one of head, tail or startLine/endLine";
        assertThat(error("read_text_file", args("path", path, "head", 1, "tail", 1))).isEqualTo(onlyOne);
        assertThat(error("read_text_file", args("path", path, "head", 1, "startLine", 2))).isEqualTo(onlyOne);
        assertThat(error("read_text_file", args("path", path, "tail", 1, "endLine", 2))).isEqualTo(onlyOne);
        assertThat(error("read_file", args("path", path, "head", 1, "tail", 1))).isEqualTo(onlyOne);
        assertThat(error("read_text_file", args("path", path, "startLine", 4, "endLine", 2)))
                .isEqualTo("endLine (2) is before startLine (4)");
        assertThat(error("read_text_file", args("path", path, "head", 0))).isEqualTo("head must be at least 1");
        assertThat(error("read_text_file", args("path", path, "tail", -3))).isEqualTo("tail must be at least 1");
        assertThat(error("read_text_file", args("path", path, "startLine", 0)))
                .startsWith("Invalid arguments for tool 'read_text_file'").contains("startLine");
        assertThat(error("read_text_file", args("path", path, "head", "two")))
                .startsWith("Invalid arguments for tool 'read_text_file'").contains("head");
        assertThat(error("read_text_file", args())).startsWith("Invalid arguments").contains("path");
        assertThat(error("read_text_file", args("path", p("missing.txt")))).isEqualTo("'" + p("missing.txt")
                + "' does not exist");
        assertThat(error("read_text_file", args("path", t))).isEqualTo("'" + t + "' is a directory, not a file");
    }

    @Test
    void aWholeReadOverTheCapIsRefusedButPartsOfTheFileCanBeRead() throws IOException {
        Path big = f("big.log");
        String line = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123\n"; // 68 bytes
        long lines = 11L * 1024 * 1024 / line.length() + 1;
        try (OutputStream out = Files.newOutputStream(big)) {
            byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
            for (long i = 0; i < lines; i++) {
                out.write(bytes);
            }
            out.write("the end".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(Files.size(big)).isGreaterThan(11L * 1024 * 1024);
        String refused = error("read_text_file", args("path", p("big.log")));
        assertThat(refused).contains("'" + p("big.log") + "'").contains("11.00 MB").contains("10.00 MB")
                .contains("head").contains("tail").contains("startLine/endLine");
        assertThat(error("read_file", args("path", p("big.log")))).contains("head");
        assertThat(ok("read_text_file", args("path", p("big.log"), "head", 2))).isEqualTo(line + line.strip());
        assertThat(ok("read_text_file", args("path", p("big.log"), "tail", 2))).isEqualTo(line.strip() + "\nthe end");
        assertThat(ok("read_text_file", args("path", p("big.log"), "startLine", 100000, "endLine", 100001)))
                .isEqualTo(line + line.strip());
        assertThat(ok("read_multiple_files", args("paths", List.of(p("big.log")))))
                .startsWith(p("big.log") + ": Error - ").contains("head");
        assertThat(error("read_media_file", args("path", p("big.log")))).contains("10.00 MB");
    }

    @Test
    void theReadCapIsASetting(@TempDir Path other) throws IOException {
        Path small = other.toRealPath();
        Files.writeString(small.resolve("k.txt"), "x".repeat(2048));
        Files.write(small.resolve("k.png"), new byte[2048]);
        Files.writeString(small.resolve("hit.txt"), "needle\n".repeat(300));
        try (FsBridge capped = FsBridge.start(Map.of("directories", small.toString(), "maxReadBytes", "1024"))) {
            assertThat(capped.error("read_text_file", Map.of("path", "k.txt"))).contains("2.00 KB")
                    .contains("1.00 KB");
            assertThat(capped.ok("read_text_file", Map.of("path", "k.txt", "head", 1))).hasSize(2048);
            assertThat(capped.error("read_media_file", Map.of("path", "k.png"))).contains("1.00 KB");
            // search_file_contents skips files over the cap
            assertThat(capped.ok("search_file_contents", Map.of("path", ".", "pattern", "needle")))
                    .startsWith("No matches found");
        }
    }

    @Test
    void aNameIsFoundByItsUnicodeEquivalentForm() throws IOException {
        String nfd = java.text.Normalizer.normalize("caf\u00e9.txt", java.text.Normalizer.Form.NFD);
        Files.writeString(f(nfd), "decomposed");
        assertThat(ok("read_text_file", args("path", p("caf\u00e9.txt")))).isEqualTo("decomposed");
    }

    // =============================================================== read_media_file

    @Test
    void readMediaFileReturnsImagesAudioAndOtherFilesAsResources() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 1, 2, 3, (byte) 0xff};
        Files.write(f("pic.PNG"), png);
        Files.write(f("song.mp3"), new byte[] {1, 2, 3});
        Files.write(f("blob.bin"), new byte[] {0, 0, 7});
        String b64 = Base64.getEncoder().encodeToString(png);

        CallToolResult image = fs.call("read_media_file", args("path", p("pic.PNG")));
        assertThat(image.isError()).isFalse();
        assertThat(image.content()).singleElement().isInstanceOfSatisfying(McpSchema.ImageContent.class, c -> {
            assertThat(c.data()).isEqualTo(b64);
            assertThat(c.mimeType()).isEqualTo("image/png");
        });
        fs.checkStructured("read_media_file", image);
        assertThat(image.structuredContent()).isEqualTo(Map.of("content", List.of(Map.of("type", "image", "data", b64,
                "mimeType", "image/png"))));

        CallToolResult audio = fs.call("read_media_file", args("path", p("song.mp3")));
        assertThat(audio.content()).singleElement().isInstanceOfSatisfying(McpSchema.AudioContent.class, c -> {
            assertThat(c.data()).isEqualTo("AQID");
            assertThat(c.mimeType()).isEqualTo("audio/mpeg");
        });
        fs.checkStructured("read_media_file", audio);

        CallToolResult other = fs.call("read_media_file", args("path", p("blob.bin")));
        assertThat(other.content()).singleElement().isInstanceOfSatisfying(McpSchema.EmbeddedResource.class, c -> {
            assertThat(c.resource()).isInstanceOfSatisfying(McpSchema.BlobResourceContents.class, r -> {
                assertThat(r.blob()).isEqualTo("AAAH");
                assertThat(r.mimeType()).isEqualTo("application/octet-stream");
                assertThat(r.uri()).isEqualTo(f("blob.bin").toUri().toString()).startsWith("file:");
            });
        });
        fs.checkStructured("read_media_file", other);

        assertThat(error("read_media_file", args("path", p("nope.png")))).isEqualTo("'" + p("nope.png")
                + "' does not exist");
        assertThat(error("read_media_file", args("path", t))).contains("is a directory");
    }

    // =============================================================== read_multiple_files

    @Test
    void readMultipleFilesReturnsTheGoodOnesAndAnInlineErrorForTheBadOne() {
        write("a.txt", "A");
        write("b.txt", "B\n");
        String text = ok("read_multiple_files", args("paths", List.of(p("a.txt"), p("missing.txt"), "../outside.txt",
                p("b.txt"))));
        assertThat(text).isEqualTo(p("a.txt") + ":\nA\n"
                + "\n---\n" + p("missing.txt") + ": Error - '" + p("missing.txt") + "' does not exist"
                + "\n---\n" + "../outside.txt: Error - access denied: '../outside.txt' is outside the allowed directories"
                + "\n---\n" + p("b.txt") + ":\nB\n\n");
        assertThat(error("read_multiple_files", args("paths", List.of()))).startsWith("Invalid arguments")
                .contains("paths");
        assertThat(ok("read_multiple_files", args("paths", List.of(t)))).isEqualTo(t + ": Error - '" + t
                + "' is a directory, not a file");
    }

    // =============================================================== write_file

    @Test
    void writeFileCreatesAndOverwritesAtomically() throws IOException {
        assertThat(ok("write_file", args("path", p("new.txt"), "content", "first ✓\n")))
                .isEqualTo("Successfully wrote to " + p("new.txt"));
        assertThat(f("new.txt")).hasContent("first ✓");
        assertThat(Files.readString(f("new.txt"))).isEqualTo("first ✓\n");

        Object inodeBefore = Files.getAttribute(f("new.txt"), "unix:ino");
        try (InputStream held = Files.newInputStream(f("new.txt"))) {
            assertThat(ok("write_file", args("path", p("new.txt"), "content", "second"))).isEqualTo(
                    "Successfully wrote to " + p("new.txt"));
            // the old file was replaced by a rename, not rewritten in place: a reader holding it sees it whole
            assertThat(new String(held.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("first ✓\n");
        }
        assertThat(Files.readString(f("new.txt"))).isEqualTo("second");
        assertThat(Files.getAttribute(f("new.txt"), "unix:ino")).isNotEqualTo(inodeBefore);
        assertThat(names(dir)).as("no temporary file left behind").containsExactly("new.txt");

        ok("write_file", args("path", p("empty.txt"), "content", ""));
        assertThat(f("empty.txt")).isEmptyFile();
    }

    @Test
    void writeFileKeepsTheExistingPermissions() throws IOException {
        write("script.sh", "#!/bin/sh\n");
        write("private.txt", "secret\n");
        Files.setPosixFilePermissions(f("script.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.setPosixFilePermissions(f("private.txt"), PosixFilePermissions.fromString("rw-r-----"));
        ok("write_file", args("path", p("script.sh"), "content", "#!/bin/sh\necho hi\n"));
        ok("edit_file", args("path", p("private.txt"), "edits", List.of(Map.of("oldText", "secret",
                "newText", "still secret"))));
        assertThat(perms(f("script.sh"))).isEqualTo("rwxr-x---");
        assertThat(perms(f("private.txt"))).isEqualTo("rw-r-----");
        assertThat(f("private.txt")).hasContent("still secret");
    }

    @Test
    void writeFileGivesANewFileTheDefaultPermissions() throws IOException {
        Path reference = Files.createFile(f("reference.txt"));
        ok("write_file", args("path", p("created.txt"), "content", "x"));
        assertThat(perms(f("created.txt"))).isEqualTo(perms(reference));
    }

    @Test
    void writeFileErrors() throws IOException {
        Files.createDirectories(f("adir"));
        assertThat(error("write_file", args("path", p("adir"), "content", "x")))
                .isEqualTo("'" + p("adir") + "' is a directory");
        assertThat(error("write_file", args("path", p("no/such/parent.txt"), "content", "x")))
                .isEqualTo("the parent directory of '" + p("no/such/parent.txt") + "' does not exist; create it first");
        assertThat(error("write_file", args("path", p("x.txt")))).startsWith("Invalid arguments").contains("content");
        assertThat(f("no")).doesNotExist();
        assertThat(names(dir)).containsExactly("adir");
    }

    // =============================================================== edit_file

    @Test
    void editFileExactMatchReturnsAGitStyleDiff() throws IOException {
        write("e.txt", "alpha\nbeta\ngamma\n");
        String diff = ok("edit_file", args("path", p("e.txt"), "edits", List.of(Map.of("oldText", "beta",
                "newText", "BETA"))));
        assertThat(f("e.txt")).hasContent("alpha\nBETA\ngamma");
        assertThat(Files.readString(f("e.txt"))).isEqualTo("alpha\nBETA\ngamma\n");
        assertThat(diff).startsWith("```diff\n").contains("===================================================================\n"
                + "--- " + p("e.txt") + "\toriginal\n+++ " + p("e.txt") + "\tmodified\n@@ ")
                .contains("\n alpha\n-beta\n+BETA\n gamma\n").endsWith("```\n\n");
        // newText is inserted literally ($ and \\ are not replacement patterns)
        ok("edit_file", args("path", p("e.txt"), "edits", List.of(Map.of("oldText", "gamma", "newText", "$1 \\0 $&"))));
        assertThat(Files.readString(f("e.txt"))).isEqualTo("alpha\nBETA\n$1 \\0 $&\n");
    }

    @Test
    void editFileDiffHunksCountTheFilesLines() {
        write("e.txt", "alpha\nbeta\ngamma\n");
        String diff = ok("edit_file", args("path", p("e.txt"), "dryRun", true, "edits", List.of(Map.of("oldText",
                "beta", "newText", "BETA"))));
        assertThat(diff).endsWith("===================================================================\n"
                + "--- " + p("e.txt") + "\toriginal\n+++ " + p("e.txt") + "\tmodified\n"
                + "@@ -1,3 +1,3 @@\n alpha\n-beta\n+BETA\n gamma\n```\n\n");
    }

    @Test
    void editFileDiffMarksALastLineWithoutNewlineAsGitDoes() {
        write("nonl.txt", "alpha\nreplaced");
        String diff = ok("edit_file", args("path", p("nonl.txt"), "dryRun", true, "edits", List.of(Map.of("oldText",
                "replaced", "newText", "changed"))));
        assertThat(diff).endsWith("@@ -1,2 +1,2 @@\n alpha\n-replaced\n\\ No newline at end of file\n+changed\n"
                + "\\ No newline at end of file\n```\n\n");
        write("context.txt", "one\ntwo\nthree");
        String unchangedEnd = ok("edit_file", args("path", p("context.txt"), "dryRun", true, "edits",
                List.of(Map.of("oldText", "one", "newText", "ONE"))));
        assertThat(unchangedEnd).contains(" three\n\\ No newline at end of file\n```")
                .doesNotContain("No newline at end of file\n\\ No newline");
    }

    @Test
    void editFileDiffStartsWithAnIndexLineAsTheOfficialServersDoes() {
        write("e.txt", "alpha\nbeta\ngamma\n");
        String diff = ok("edit_file", args("path", p("e.txt"), "dryRun", true, "edits", List.of(Map.of("oldText",
                "beta", "newText", "BETA"))));
        assertThat(diff).startsWith("```diff\nIndex: " + p("e.txt")
                + "\n===================================================================\n--- " + p("e.txt"));
    }

    @Test
    void editFileRefusesAFileThatIsNotUtf8() throws IOException {
        byte[] latin1 = "caf\u00e9\nfoo\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(f("latin1.txt"), latin1);
        assertThat(error("edit_file", args("path", p("latin1.txt"), "edits", List.of(Map.of("oldText", "foo",
                "newText", "bar"))))).contains("not UTF-8");
        assertThat(Files.readAllBytes(f("latin1.txt"))).isEqualTo(latin1);
    }

    @Test
    void editFileSeveralEditsInOrderAndCrlf() throws IOException {
        Files.writeString(f("crlf.txt"), "one\r\ntwo\r\nthree\r\n");
        ok("edit_file", args("path", p("crlf.txt"), "edits", List.of(
                Map.of("oldText", "one\r\ntwo", "newText", "1\n2"),
                Map.of("oldText", "2\nthree", "newText", "2\n3"))));
        assertThat(Files.readString(f("crlf.txt"))).isEqualTo("1\n2\n3\n");
    }

    @Test
    void editFileWhitespaceTolerantMatchKeepsTheFilesIndentation() throws IOException {
        write("code.java", "class A {\n        a();\n        b();\n        c();\n}\n");
        ok("edit_file", args("path", p("code.java"), "edits", List.of(Map.of(
                "oldText", "    a();   \n    b();", "newText", "    a2();\n      bb();"))));
        assertThat(Files.readString(f("code.java")))
                .isEqualTo("class A {\n        a2();\n          bb();\n        c();\n}\n");
    }

    @Test
    void editFileWhitespaceTolerantMatchKeepsNestedIndentation() throws IOException {
        write("f.py", "def f():\n    if x:\n        return 1\n    return 2\n");
        ok("edit_file", args("path", p("f.py"), "edits", List.of(Map.of("oldText", "if x:\n    return 1",
                "newText", "if y:\n    return 3"))));
        assertThat(Files.readString(f("f.py"))).isEqualTo("def f():\n    if y:\n        return 3\n    return 2\n");
        write("code.java", "class A {\n        a();\n        b();\n}\n");
        ok("edit_file", args("path", p("code.java"), "edits", List.of(Map.of(
                "oldText", "    a();\n    b();", "newText", "    a();\n    b();\n    c();"))));
        assertThat(Files.readString(f("code.java"))).isEqualTo("class A {\n        a();\n        b();\n        c();\n}\n");
    }

    @Test
    void editFileAmbiguousAndMissingMatchesAreErrors() throws IOException {
        write("dup.txt", "x = 1\ny = 2\nx = 1\n");
        String ambiguous = error("edit_file", args("path", p("dup.txt"), "edits", List.of(Map.of("oldText", "x = 1",
                "newText", "x = 9"))));
        assertThat(ambiguous).contains("edit 1").contains("more than one place").contains("x = 1");
        write("dup2.txt", "    foo();\n\tfoo();\n");
        assertThat(error("edit_file", args("path", p("dup2.txt"), "edits", List.of(Map.of("oldText", "  foo();  ",
                "newText", "bar();"))))).contains("more than one place").contains("foo();");
        String missing = error("edit_file", args("path", p("dup.txt"), "edits", List.of(
                Map.of("oldText", "y = 2", "newText", "y = 3"),
                Map.of("oldText", "z = 3", "newText", "z = 4"))));
        assertThat(missing).contains("edit 2").contains("could not find a match").contains("z = 3");
        assertThat(error("edit_file", args("path", p("dup.txt"), "edits", List.of(Map.of("oldText", "",
                "newText", "x"))))).contains("oldText is empty");
        // a failed edit changes nothing, not even the edits before it
        assertThat(Files.readString(f("dup.txt"))).isEqualTo("x = 1\ny = 2\nx = 1\n");
        assertThat(error("edit_file", args("path", p("missing.txt"), "edits", List.of()))).contains("does not exist");
        assertThat(error("edit_file", args("path", p("dup.txt"), "edits", List.of(Map.of("oldText", "x")))))
                .startsWith("Invalid arguments").contains("newText");
    }

    @Test
    void editFileDryRunChangesNothingAndReturnsTheDiff() throws IOException {
        write("d.txt", "keep\nchange me\n");
        FileTime mtime = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(f("d.txt"), mtime);
        String diff = ok("edit_file", args("path", p("d.txt"), "dryRun", true, "edits", List.of(Map.of("oldText",
                "change me", "newText", "changed"))));
        assertThat(diff).startsWith("```diff\n").contains("-change me\n+changed\n").endsWith("```\n\n");
        assertThat(Files.readString(f("d.txt"))).isEqualTo("keep\nchange me\n");
        assertThat(Files.getLastModifiedTime(f("d.txt"))).isEqualTo(mtime);
        assertThat(names(dir)).containsExactly("d.txt");
    }

    @Test
    void editFileFencesADiffThatContainsBackticks() {
        write("md.md", "text\n```\ncode\n```\n");
        String diff = ok("edit_file", args("path", p("md.md"), "edits", List.of(Map.of("oldText", "code",
                "newText", "more code"))));
        assertThat(diff).startsWith("````diff\n").endsWith("````\n\n");
    }

    // =============================================================== create_directory

    @Test
    void createDirectoryNestedAndIdempotent() {
        assertThat(ok("create_directory", args("path", p("a/b/c")))).isEqualTo("Successfully created directory "
                + p("a/b/c"));
        assertThat(f("a/b/c")).isDirectory();
        assertThat(ok("create_directory", args("path", p("a/b/c")))).isEqualTo("Successfully created directory "
                + p("a/b/c"));
        assertThat(ok("create_directory", args("path", p("a")))).startsWith("Successfully");
        write("file.txt", "x");
        assertThat(error("create_directory", args("path", p("file.txt")))).isEqualTo("'" + p("file.txt")
                + "' already exists");
    }

    // =============================================================== list_directory

    @Test
    void listDirectoryMarksFilesAndDirectories() throws IOException {
        write("one.txt", "1");
        write("sub/two.txt", "2");
        Files.createDirectories(f("empty"));
        Files.createSymbolicLink(f("link"), Path.of("one.txt"));
        String text = ok("list_directory", args("path", t));
        assertThat(text.split("\n")).containsExactlyInAnyOrder("[FILE] one.txt", "[DIR] sub", "[DIR] empty",
                "[FILE] link");
        assertThat(ok("list_directory", args("path", p("empty")))).isEmpty();
        assertThat(error("list_directory", args("path", p("one.txt")))).isEqualTo("'" + p("one.txt")
                + "' is not a directory");
        assertThat(error("list_directory", args("path", p("nope")))).isEqualTo("'" + p("nope") + "' does not exist");
    }

    // =============================================================== list_directory_with_sizes

    @Test
    void listDirectoryWithSizesSortsAndTotals() throws IOException {
        write("a.txt", "x".repeat(1536));
        write("B.txt", "y".repeat(10));
        write("empty.txt", "");
        Files.createDirectories(f("c-dir"));
        write("c-dir/inner.txt", "z".repeat(5000));

        String byName = ok("list_directory_with_sizes", args("path", t));
        String summary = "\n\nTotal: 3 files, 1 directories\nCombined size: 1.51 KB";
        assertThat(byName).isEqualTo(fileLine("a.txt", "1.50 KB") + "\n" + fileLine("B.txt", "10 B") + "\n"
                + "[DIR] " + pad("c-dir") + " \n" + fileLine("empty.txt", "0 B") + summary);
        assertThat(ok("list_directory_with_sizes", args("path", t, "sortBy", "name"))).isEqualTo(byName);

        // by size, largest first; a directory's size is what stat says, as in the official server
        record E(String line, long size) {
        }
        List<E> expected = new ArrayList<>(List.of(new E(fileLine("a.txt", "1.50 KB"), 1536),
                new E(fileLine("B.txt", "10 B"), 10), new E(fileLine("empty.txt", "0 B"), 0),
                new E("[DIR] " + pad("c-dir") + " ", Files.size(f("c-dir")))));
        expected.sort(Comparator.comparingLong(E::size).reversed());
        String bySize = ok("list_directory_with_sizes", args("path", t, "sortBy", "size"));
        assertThat(bySize).isEqualTo(expected.stream().map(E::line).collect(Collectors.joining("\n")) + summary);

        assertThat(error("list_directory_with_sizes", args("path", t, "sortBy", "date"))).startsWith(
                "Invalid arguments").contains("sortBy");
        assertThat(ok("list_directory_with_sizes", args("path", p("c-dir")))).isEqualTo(fileLine("inner.txt",
                "4.88 KB") + "\n\nTotal: 1 files, 0 directories\nCombined size: 4.88 KB");
    }

    @Test
    void listDirectoryWithSizesOrdersNamesAsLocaleCompareDoes() {
        for (String name : List.of("b.txt", "A.txt", "a.txt", "_x.txt", "10.txt", "9.txt", "é.txt", "z.txt")) {
            write(name, "");
        }
        List<String> names = new ArrayList<>();
        for (String line : ok("list_directory_with_sizes", args("path", t)).split("\n")) {
            if (line.startsWith("[FILE] ")) {
                names.add(line.substring(7).strip().replaceAll("\\s+0 B$", ""));
            }
        }
        // JavaScript's a.localeCompare(b): case-insensitive first (lower case first on ties), accents after base
        // letters, punctuation before digits before letters; digits are not compared numerically.
        assertThat(names).containsExactly("_x.txt", "10.txt", "9.txt", "a.txt", "A.txt", "b.txt", "é.txt", "z.txt");
    }

    private static String fileLine(String name, String size) {
        return "[FILE] " + pad(name) + " " + " ".repeat(Math.max(0, 10 - size.length())) + size;
    }

    private static String pad(String name) {
        return name.length() >= 30 ? name : name + " ".repeat(30 - name.length());
    }

    // =============================================================== directory_tree

    private void treeFixture() throws IOException {
        write("top.txt", "");
        write(".hidden", "");
        write("src/main.js", "");
        write("src/util/helpers.txt", "");
        write("src/node_modules/dep/index.js", "");
        write("node_modules/lib/a.js", "");
        Files.createDirectories(f("src/empty"));
    }

    @Test
    void directoryTreeIsJsonStringifyShaped() throws IOException {
        treeFixture();
        String text = ok("directory_tree", args("path", t));
        List<Map<String, Object>> tree = JSON.readValue(text, new TypeReference<>() {
        });
        // exactly JSON.stringify(tree, null, 2), with empty children printed as []
        assertThat(text).isEqualTo(jsStringify(tree, ""));
        assertThat(text).contains("\"children\": []").doesNotContain("[ ]").doesNotContain("\"children\" :");
        assertThat(sorted(tree)).isEqualTo(sorted(List.of(
                file("top.txt"), file(".hidden"),
                dir("src", file("main.js"), dir("util", file("helpers.txt")), dir("empty"),
                        dir("node_modules", dir("dep", file("index.js")))),
                dir("node_modules", dir("lib", file("a.js"))))));
        // files have no children key at all
        assertThat(text).doesNotContain("\"type\": \"file\",");
    }

    @Test
    void directoryTreeExactText() throws IOException {
        Files.createDirectories(f("only/inner"));
        write("only/f.txt", "");
        Files.createDirectories(f("vacant"));
        assertThat(ok("directory_tree", args("path", p("vacant")))).isEqualTo("[]");
        Files.delete(f("vacant"));
        String text = ok("directory_tree", args("path", t));
        List<Map<String, Object>> tree = JSON.readValue(text, new TypeReference<>() {
        });
        List<Object> children = (List<Object>) tree.get(0).get("children");
        boolean fileFirst = "f.txt".equals(((Map<?, ?>) children.get(0)).get("name"));
        String f = "      {\n        \"name\": \"f.txt\",\n        \"type\": \"file\"\n      }";
        String inner = "      {\n        \"name\": \"inner\",\n        \"type\": \"directory\",\n"
                + "        \"children\": []\n      }";
        assertThat(text).isEqualTo("[\n  {\n    \"name\": \"only\",\n    \"type\": \"directory\",\n"
                + "    \"children\": [\n" + (fileFirst ? f + ",\n" + inner : inner + ",\n" + f) + "\n    ]\n  }\n]");
    }

    @Test
    void directoryTreeEscapesNamesAsJsonStringifyDoes() throws IOException {
        write("quote\"back\\slash\ttab.txt", "");
        String text = ok("directory_tree", args("path", t));
        assertThat(text).contains("\"name\": \"quote\\\"back\\\\slash\\ttab.txt\"");
        assertThat(JSON.readTree(text).get(0).get("name").asText()).isEqualTo("quote\"back\\slash\ttab.txt");
    }

    @Test
    void directoryTreeEscapesControlCharactersInLowerCase() throws IOException {
        write("esc\u001bname.txt", "");
        assertThat(ok("directory_tree", args("path", t))).contains("\"esc\\u001bname.txt\"");
    }

    @Test
    void directoryTreeExcludePatterns() throws IOException {
        treeFixture();
        // without '*': the name is excluded at any depth, with everything below it
        assertThat(treeNames(args("path", t, "excludePatterns", List.of("node_modules"))))
                .containsExactlyInAnyOrder(".hidden", "top.txt", "src", "src/main.js", "src/util",
                        "src/util/helpers.txt", "src/empty");
        // with '*': matched against the path relative to the tree's root, as minimatch does (so *.txt is top level)
        assertThat(treeNames(args("path", t, "excludePatterns", List.of("*.txt"))))
                .contains("src/util/helpers.txt").doesNotContain("top.txt");
        assertThat(treeNames(args("path", t, "excludePatterns", List.of("**/*.txt", "**/node_modules/**"))))
                .doesNotContain("top.txt", "src/util/helpers.txt", "node_modules/lib", "src/node_modules/dep")
                .contains("node_modules", "src/node_modules", ".hidden");
        assertThat(treeNames(args("path", t, "excludePatterns", List.of(".*", "src/util"))))
                .doesNotContain(".hidden", "src/util", "src/util/helpers.txt").contains("src/main.js");
        assertThat(error("directory_tree", args("path", p("top.txt")))).isEqualTo("'" + p("top.txt")
                + "' is not a directory");
    }

    private List<String> treeNames(Map<String, Object> args) throws IOException {
        List<Map<String, Object>> tree = JSON.readValue(ok("directory_tree", args), new TypeReference<>() {
        });
        List<String> out = new ArrayList<>();
        flatten("", tree, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, List<Map<String, Object>> nodes, List<String> out) {
        for (Map<String, Object> n : nodes) {
            String name = prefix + n.get("name");
            out.add(name);
            if (n.get("children") != null) {
                flatten(name + "/", (List<Map<String, Object>>) n.get("children"), out);
            }
        }
    }

    private static Map<String, Object> file(String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("type", "file");
        return m;
    }

    @SafeVarargs
    private static Map<String, Object> dir(String name, Map<String, Object>... children) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("type", "directory");
        m.put("children", List.of(children));
        return m;
    }

    /** The tree with every children list sorted by name, so that directory order does not matter. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> sorted(List<Map<String, Object>> nodes) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> n : nodes) {
            Map<String, Object> copy = new LinkedHashMap<>(n);
            if (copy.get("children") != null) {
                copy.put("children", sorted((List<Map<String, Object>>) copy.get("children")));
            }
            out.add(copy);
        }
        out.sort(Comparator.comparing(n -> (String) n.get("name")));
        return out;
    }

    /** JavaScript's JSON.stringify(value, null, 2), written independently of the code under test. */
    static String jsStringify(Object value, String indent) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                return "{}";
            }
            String inner = indent + "  ";
            return map.entrySet().stream().map(e -> inner + quote((String) e.getKey()) + ": "
                    + jsStringify(e.getValue(), inner)).collect(Collectors.joining(",\n", "{\n", "\n" + indent + "}"));
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                return "[]";
            }
            String inner = indent + "  ";
            return list.stream().map(v -> inner + jsStringify(v, inner))
                    .collect(Collectors.joining(",\n", "[\n", "\n" + indent + "]"));
        }
        if (value instanceof String s) {
            return quote(s);
        }
        return String.valueOf(value);
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }

    // =============================================================== move_file

    @Test
    void moveFileRenamesAndMovesFilesAndDirectories() throws IOException {
        write("a.txt", "A");
        assertThat(ok("move_file", args("source", p("a.txt"), "destination", p("b.txt"))))
                .isEqualTo("Successfully moved " + p("a.txt") + " to " + p("b.txt"));
        assertThat(f("a.txt")).doesNotExist();
        assertThat(f("b.txt")).hasContent("A");
        Files.createDirectories(f("into"));
        ok("move_file", args("source", p("b.txt"), "destination", p("into/b.txt")));
        assertThat(f("into/b.txt")).hasContent("A");
        write("tree/x/y.txt", "Y");
        ok("move_file", args("source", p("tree"), "destination", p("into/tree")));
        assertThat(f("into/tree/x/y.txt")).hasContent("Y");
        assertThat(f("tree")).doesNotExist();
    }

    @Test
    void moveFileFailsWhenTheDestinationExists() throws IOException {
        write("a.txt", "A");
        write("b.txt", "B");
        Files.createDirectories(f("d"));
        Files.createSymbolicLink(f("link"), Path.of("b.txt"));
        assertThat(error("move_file", args("source", p("a.txt"), "destination", p("b.txt")))).contains("already exists")
                .contains(p("b.txt"));
        error("move_file", args("source", p("a.txt"), "destination", p("d")));
        error("move_file", args("source", p("a.txt"), "destination", p("link")));
        assertThat(f("a.txt")).hasContent("A");
        assertThat(f("b.txt")).hasContent("B");
        assertThat(Files.isSymbolicLink(f("link"))).isTrue();
        assertThat(error("move_file", args("source", p("nope.txt"), "destination", p("c.txt"))))
                .isEqualTo("'" + p("nope.txt") + "' does not exist");
        assertThat(error("move_file", args("source", p("a.txt"), "destination", p("no/parent/a.txt"))))
                .contains(p("no/parent/a.txt"));
        assertThat(f("a.txt")).hasContent("A");
    }

    @Test
    void movingASymlinkMovesTheLinkNotItsTarget() throws IOException {
        write("target.txt", "T");
        Files.createSymbolicLink(f("link"), Path.of("target.txt"));
        Files.createDirectories(f("real-dir"));
        write("real-dir/in.txt", "I");
        Files.createSymbolicLink(f("dir-link"), f("real-dir"));
        ok("move_file", args("source", p("link"), "destination", p("moved-link")));
        ok("move_file", args("source", p("dir-link"), "destination", p("moved-dir-link")));
        assertThat(Files.isSymbolicLink(f("moved-link"))).isTrue();
        assertThat(Files.readSymbolicLink(f("moved-link"))).isEqualTo(Path.of("target.txt"));
        assertThat(f("target.txt")).hasContent("T");
        assertThat(Files.isSymbolicLink(f("moved-dir-link"))).isTrue();
        assertThat(f("real-dir/in.txt")).hasContent("I");
        assertThat(Files.exists(f("link"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void moveFileCannotMoveAnAllowedDirectoryOrADirectoryIntoItself() throws IOException {
        write("d/x.txt", "X");
        assertThat(error("move_file", args("source", root.toString(), "destination", p("root-moved"))))
                .contains("allowed directory itself");
        assertThat(error("move_file", args("source", ".", "destination", p("root-moved"))))
                .contains("allowed directory itself");
        assertThat(error("move_file", args("source", p("d"), "destination", p("d/inner")))).contains("into itself");
        assertThat(f("d/x.txt")).hasContent("X");
        assertThat(root).isDirectory();
    }

    // =============================================================== search_files

    private void searchFixture() {
        write("a.txt", "");
        write("b.md", "");
        write(".env.txt", "");
        write("sub/c.txt", "");
        write("sub/deeper/d.txt", "");
        write("skip/e.txt", "");
    }

    private Set<String> found(Map<String, Object> args) {
        String text = ok("search_files", args);
        if (text.equals("No matches found")) {
            return Set.of();
        }
        Set<String> out = new java.util.TreeSet<>();
        for (String line : text.split("\n")) {
            assertThat(Path.of(line)).as("search_files returns full paths").isAbsolute();
            out.add(dir.relativize(Path.of(line)).toString());
        }
        return out;
    }

    @Test
    void searchFilesGlobs() {
        searchFixture();
        assertThat(found(args("path", t, "pattern", "*.txt"))).containsExactly(".env.txt", "a.txt");
        assertThat(found(args("path", t, "pattern", "**/*.txt"))).containsExactly(".env.txt", "a.txt", "skip/e.txt",
                "sub/c.txt", "sub/deeper/d.txt");
        assertThat(found(args("path", t, "pattern", "sub/**"))).containsExactly("sub/c.txt", "sub/deeper",
                "sub/deeper/d.txt");
        assertThat(found(args("path", t, "pattern", "sub/*/*.txt"))).containsExactly("sub/deeper/d.txt");
        assertThat(found(args("path", t, "pattern", "**/deeper"))).containsExactly("sub/deeper");
        assertThat(found(args("path", t, "pattern", "*.{md,txt}"))).containsExactly(".env.txt", "a.txt", "b.md");
        assertThat(found(args("path", p("sub"), "pattern", "*.txt"))).isEqualTo(Set.of("sub/c.txt"));
        assertThat(ok("search_files", args("path", t, "pattern", "*.java"))).isEqualTo("No matches found");
        assertThat(ok("search_files", args("path", t, "pattern", "a.txt"))).isEqualTo(f("a.txt").toString());
    }

    @Test
    void aDoubleStarInTheMiddleOfAGlobMatchesZeroDirectories() throws IOException {
        searchFixture();
        grepFixture();
        assertThat(found(args("path", t, "pattern", "sub/**/*.txt"))).containsExactly("sub/c.txt", "sub/deeper/d.txt");
        assertThat(hits(grep(args("path", t, "pattern", "foo", "include", List.of("src/**/*.txt")))))
                .containsExactly("src/b.txt:3:foo lower");
        assertThat(treeNames(args("path", t, "excludePatterns", List.of("src/**/*.txt")))).doesNotContain("src/b.txt",
                "src/lit.txt");
    }

    @Test
    void searchFilesExcludePatterns() {
        searchFixture();
        assertThat(found(args("path", t, "pattern", "**/*.txt", "excludePatterns", List.of("skip/**", "**/deeper"))))
                .containsExactly(".env.txt", "a.txt", "sub/c.txt");
        assertThat(found(args("path", t, "pattern", "**/*.txt", "excludePatterns", List.of("**/.*"))))
                .doesNotContain(".env.txt").contains("a.txt");
        assertThat(found(args("path", t, "pattern", "**", "excludePatterns", List.of("sub"))))
                .doesNotContain("sub", "sub/c.txt", "sub/deeper").contains("skip", "skip/e.txt");
        assertThat(error("search_files", args("path", t))).startsWith("Invalid arguments").contains("pattern");
        assertThat(error("search_files", args("path", p("nope"), "pattern", "*"))).contains("does not exist");
    }

    // =============================================================== get_file_info

    @Test
    void getFileInfoFields() throws IOException {
        write("info.txt", "12345");
        Files.setPosixFilePermissions(f("info.txt"), PosixFilePermissions.fromString("rw-r-----"));
        Instant modified = Instant.parse("2021-06-01T12:34:56Z");
        Files.setLastModifiedTime(f("info.txt"), FileTime.from(modified));
        Map<String, String> info = info(p("info.txt"));
        assertThat(info.keySet()).containsExactly("size", "created", "modified", "accessed", "isDirectory", "isFile",
                "permissions");
        assertThat(info).containsEntry("size", "5").containsEntry("isDirectory", "false")
                .containsEntry("isFile", "true").containsEntry("permissions", "640");
        assertThat(Instant.parse(info.get("modified"))).isEqualTo(modified);
        Instant.parse(info.get("created"));
        Instant.parse(info.get("accessed"));

        Files.createDirectories(f("d"));
        Files.setPosixFilePermissions(f("d"), PosixFilePermissions.fromString("rwxr-x--x"));
        assertThat(info(p("d"))).containsEntry("isDirectory", "true").containsEntry("isFile", "false")
                .containsEntry("permissions", "751");
        assertThat(error("get_file_info", args("path", p("nope")))).isEqualTo("'" + p("nope") + "' does not exist");
    }

    private Map<String, String> info(String path) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : ok("get_file_info", args("path", path)).split("\n")) {
            int colon = line.indexOf(": ");
            m.put(line.substring(0, colon), line.substring(colon + 2));
        }
        return m;
    }

    // =============================================================== list_allowed_directories

    @Test
    void listAllowedDirectories(@TempDir Path a, @TempDir Path b) throws IOException {
        assertThat(ok("list_allowed_directories", args())).isEqualTo("Allowed directories:\n" + root);
        Path first = a.toRealPath();
        Path second = b.toRealPath();
        try (FsBridge two = FsBridge.start(Map.of("directories", first + "\n" + second))) {
            assertThat(two.ok("list_allowed_directories", Map.of())).isEqualTo("Allowed directories:\n" + first + "\n"
                    + second);
        }
    }

    @Test
    void aPositionalDirectoryMayContainThePathSeparator(@TempDir Path a) throws IOException {
        Path colon = Files.createDirectories(a.toRealPath().resolve("v1:old"));
        dev.mcpbridge.core.config.BridgeConfig config = new dev.mcpbridge.core.config.BridgeConfig();
        config.adapters = List.of("filesystem");
        try (dev.mcpbridge.core.app.Bridge b = dev.mcpbridge.core.app.Bridge.create(config, Map.of(), Map.of(),
                List.of(colon.toString()))) {
            b.camel().startNow();
            CallToolResult r = b.invoker().call(b.registry().find("list_allowed_directories").orElseThrow(), Map.of(),
                    CallContext.detached("list_allowed_directories")).block(java.time.Duration.ofSeconds(20));
            assertThat(FsBridge.text(r)).isEqualTo("Allowed directories:\n" + colon);
        }
    }

    @Test
    void clientRootsAreAddedToReplaceOrIgnoredByTheDirectories(@TempDir Path a, @TempDir Path b) throws IOException {
        Path configured = a.toRealPath();
        Path client = b.toRealPath();
        Files.writeString(client.resolve("from-root.txt"), "root file");
        CallContext withRoots = contextWithRoots(List.of(client.toUri().toString(), "https://example.com/x",
                "file:///definitely/not/here"));
        for (String mode : List.of("add", "replace", "ignore")) {
            try (FsBridge b2 = FsBridge.start(Map.of("directories", configured.toString(), "roots", mode))) {
                CallToolResult dirs = b2.call("list_allowed_directories", Map.of(), withRoots);
                CallToolResult read = b2.call("read_text_file", Map.of("path", client + "/from-root.txt"),
                        withRoots);
                CallToolResult inConfigured = b2.call("list_directory", Map.of("path", configured.toString()),
                        withRoots);
                String expected = switch (mode) {
                    case "add" -> "Allowed directories:\n" + configured + "\n" + client;
                    case "replace" -> "Allowed directories:\n" + client;
                    default -> "Allowed directories:\n" + configured;
                };
                assertThat(FsBridge.text(dirs)).as(mode).isEqualTo(expected);
                assertThat(read.isError()).as(mode).isEqualTo(mode.equals("ignore"));
                assertThat(inConfigured.isError()).as(mode).isEqualTo(mode.equals("replace"));
            }
        }
    }

    private static CallContext contextWithRoots(List<String> roots) {
        return new CallContext("roots") {
            @Override
            public void progress(double progress, Double total, String message) {
            }

            @Override
            public void log(String level, String message) {
            }

            @Override
            public Map<String, Object> requestFromClient(String method, Map<String, Object> params) {
                throw new UnsupportedOperationException(method);
            }

            @Override
            public List<String> roots() {
                return roots;
            }
        };
    }

    // =============================================================== search_file_contents

    private void grepFixture() throws IOException {
        write("src/A.java", "class A {\n  // TODO fix\n  int foo = 1;\n  int fooBar = 2;\n}\n");
        write("src/b.txt", "nothing here\nFOO upper\nfoo lower\n");
        write("src/lit.txt", "a.b(c)\naxbc\n");
        write("node_modules/dep.js", "foo in a dependency\n");
        Files.write(f("src/bin.dat"), "foo\0binary foo\n".getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> grep(Map<String, Object> args) {
        CallToolResult r = fs.call("search_file_contents", args);
        assertThat(r.isError()).as("search_file_contents %s: %s", args, FsBridge.text(r)).isFalse();
        fs.checkStructured("search_file_contents", r);
        Map<String, Object> data = new LinkedHashMap<>((Map<String, Object>) r.structuredContent());
        data.put("text", FsBridge.text(r));
        return data;
    }

    @SuppressWarnings("unchecked")
    private List<String> hits(Map<String, Object> data) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> m : (List<Map<String, Object>>) data.get("matches")) {
            out.add(dir.relativize(Path.of((String) m.get("path"))) + ":" + m.get("line") + ":" + m.get("text"));
        }
        return out;
    }

    @Test
    void searchFileContentsRegexLiteralAndCase() throws IOException {
        grepFixture();
        Map<String, Object> regex = grep(args("path", t, "pattern", "foo(Bar)?\\s*=", "exclude",
                List.of("**/node_modules")));
        assertThat(hits(regex)).containsExactlyInAnyOrder("src/A.java:3:  int foo = 1;", "src/A.java:4:  int fooBar = 2;");
        assertThat(regex).containsEntry("filesMatched", 1).containsEntry("truncated", false)
                .containsEntry("filesSearched", 3);
        assertThat((String) regex.get("text")).contains(f("src/A.java") + ":3:  int foo = 1;\n")
                .endsWith("2 matches in 1 files (3 searched)");

        assertThat(hits(grep(args("path", t, "pattern", "a.b(c)", "literal", true)))).containsExactly(
                "src/lit.txt:1:a.b(c)");
        assertThat(hits(grep(args("path", t, "pattern", "a.b(c)")))).containsExactly("src/lit.txt:2:axbc");

        assertThat(hits(grep(args("path", p("src/b.txt"), "pattern", "foo")))).containsExactly("src/b.txt:3:foo lower");
        assertThat(hits(grep(args("path", p("src/b.txt"), "pattern", "foo", "caseSensitive", false))))
                .containsExactly("src/b.txt:2:FOO upper", "src/b.txt:3:foo lower");
        assertThat(hits(grep(args("path", p("src/b.txt"), "pattern", "FOO", "literal", true, "caseSensitive",
                false)))).hasSize(2);

        Map<String, Object> none = grep(args("path", t, "pattern", "no such text"));
        assertThat(none.get("text")).isEqualTo("No matches found (4 files searched)");
        assertThat(none).containsEntry("matches", List.of()).containsEntry("filesMatched", 0);
    }

    @Test
    void searchFileContentsIncludeExcludeAndBinaryFiles() throws IOException {
        grepFixture();
        Map<String, Object> all = grep(args("path", t, "pattern", "foo"));
        assertThat(hits(all)).as("binary files are skipped").noneMatch(h -> h.startsWith("src/bin.dat"))
                .anyMatch(h -> h.startsWith("node_modules/dep.js"));
        assertThat(all).containsEntry("filesSearched", 4);
        assertThat(hits(grep(args("path", t, "pattern", "foo", "include", List.of("*.java")))))
                .allMatch(h -> h.startsWith("src/A.java")).hasSize(2);
        assertThat(hits(grep(args("path", t, "pattern", "foo", "include", List.of("src/*.txt", "*.js")))))
                .containsExactlyInAnyOrder("src/b.txt:3:foo lower", "node_modules/dep.js:1:foo in a dependency");
        assertThat(hits(grep(args("path", t, "pattern", "foo", "include", List.of("**/*.txt")))))
                .containsExactly("src/b.txt:3:foo lower");
        assertThat(hits(grep(args("path", t, "pattern", "foo", "exclude", List.of("**/node_modules", "**/*.java")))))
                .containsExactly("src/b.txt:3:foo lower");
        assertThat(hits(grep(args("path", t, "pattern", "foo", "exclude", List.of("node_modules", "src/A.java")))))
                .containsExactly("src/b.txt:3:foo lower");
    }

    @Test
    void searchFileContentsExcludeMatchesFileNamesLikeInclude() throws IOException {
        grepFixture();
        assertThat(hits(grep(args("path", t, "pattern", "foo", "exclude", List.of("node_modules", "*.java")))))
                .containsExactly("src/b.txt:3:foo lower");
    }

    @Test
    @SuppressWarnings("unchecked")
    void searchFileContentsContextLines() throws IOException {
        write("ctx.txt", "l1\nl2\nMATCH 3\nl4\nl5\nl6\nMATCH 7\n");
        Map<String, Object> data = grep(args("path", p("ctx.txt"), "pattern", "MATCH", "contextLines", 1));
        List<Map<String, Object>> matches = (List<Map<String, Object>>) data.get("matches");
        assertThat(matches).hasSize(2);
        assertThat(matches.get(0)).containsEntry("line", 3).containsEntry("text", "MATCH 3")
                .containsEntry("before", List.of("l2")).containsEntry("after", List.of("l4"));
        assertThat(matches.get(1)).containsEntry("line", 7).containsEntry("before", List.of("l6"))
                .containsEntry("after", List.of(""));
        String file = f("ctx.txt").toString();
        assertThat((String) data.get("text")).startsWith(file + "-2-l2\n" + file + ":3:MATCH 3\n" + file + "-4-l4\n--\n"
                + file + "-6-l6\n" + file + ":7:MATCH 7\n");
        assertThat(error("search_file_contents", args("path", t, "pattern", "x", "contextLines", 21)))
                .startsWith("Invalid arguments");
    }

    @Test
    void searchFileContentsCapsAndTruncation() throws IOException {
        write("many1.txt", "hit\n".repeat(5));
        write("many2.txt", "hit\n".repeat(5));
        Map<String, Object> total = grep(args("path", t, "pattern", "hit", "maxMatches", 3));
        assertThat(hits(total)).hasSize(3);
        assertThat(total).containsEntry("truncated", true);
        assertThat((String) total.get("text")).contains("more matches were left out");

        Map<String, Object> exact = grep(args("path", t, "pattern", "hit", "maxMatches", 10));
        assertThat(hits(exact)).hasSize(10);
        assertThat(exact).containsEntry("truncated", false).containsEntry("filesMatched", 2);

        Map<String, Object> perFile = grep(args("path", p("many1.txt"), "pattern", "hit", "maxMatchesPerFile", 2));
        assertThat(hits(perFile)).containsExactly("many1.txt:1:hit", "many1.txt:2:hit");

        assertThat(error("search_file_contents", args("path", t, "pattern", "hit", "maxMatches", 0)))
                .startsWith("Invalid arguments");
        assertThat(error("search_file_contents", args("path", t, "pattern", "")))
                .startsWith("Invalid arguments");
        assertThat(error("search_file_contents", args("path", t, "pattern", "x", "bogus", true)))
                .startsWith("Invalid arguments").contains("bogus");
    }

    @Test
    void searchFileContentsPerFileCapSetsTruncated() throws IOException {
        write("many.txt", "hit\n".repeat(5));
        Map<String, Object> perFile = grep(args("path", p("many.txt"), "pattern", "hit", "maxMatchesPerFile", 2));
        assertThat(hits(perFile)).hasSize(2);
        assertThat(perFile).containsEntry("truncated", true);
    }

    @Test
    void searchFileContentsUsingTheWholeBudgetIsNotTruncation() throws IOException {
        write("hits.txt", "hit\nhit\n");
        for (int i = 0; i < 200; i++) {
            write("pad/no-" + i + ".txt", "nothing\n");
        }
        for (int run = 0; run < 5; run++) {
            Map<String, Object> data = grep(args("path", t, "pattern", "hit", "maxMatches", 2));
            assertThat(hits(data)).hasSize(2);
            assertThat(data).containsEntry("truncated", false).containsEntry("filesSearched", 201);
        }
    }

    @Test
    void searchFileContentsInvalidRegexIsAClearError() {
        write("x.txt", "x");
        assertThat(error("search_file_contents", args("path", t, "pattern", "foo(")))
                .startsWith("pattern is not a valid regular expression").contains("literal: true");
        assertThat(error("search_file_contents", args("path", p("nope"), "pattern", "x"))).contains("does not exist");
        assertThat(ok("search_file_contents", args("path", t, "pattern", "foo(", "literal", true)))
                .startsWith("No matches found");
    }

    // =============================================================== copy_file

    @Test
    void copyFileCopiesAFileAndATree() throws IOException {
        write("a.txt", "A");
        Files.setPosixFilePermissions(f("a.txt"), PosixFilePermissions.fromString("rwx------"));
        assertThat(ok("copy_file", args("source", p("a.txt"), "destination", p("b.txt"))))
                .isEqualTo("Successfully copied " + p("a.txt") + " to " + p("b.txt") + " (1 file)");
        assertThat(f("b.txt")).hasContent("A");
        assertThat(f("a.txt")).hasContent("A");
        assertThat(perms(f("b.txt"))).isEqualTo("rwx------");

        write("tree/x.txt", "X");
        write("tree/sub/y.txt", "Y");
        Files.createDirectories(f("tree/empty"));
        Files.createSymbolicLink(f("tree/sub/link"), Path.of("y.txt"));
        assertThat(ok("copy_file", args("source", p("tree"), "destination", p("copy"))))
                .isEqualTo("Successfully copied " + p("tree") + " to " + p("copy") + " (3 files)");
        assertThat(f("copy/x.txt")).hasContent("X");
        assertThat(f("copy/sub/y.txt")).hasContent("Y");
        assertThat(f("copy/empty")).isDirectory();
        assertThat(Files.isSymbolicLink(f("copy/sub/link"))).as("links are copied as links").isTrue();
        assertThat(Files.readSymbolicLink(f("copy/sub/link"))).isEqualTo(Path.of("y.txt"));
        assertThat(f("tree/sub/y.txt")).hasContent("Y");
    }

    @Test
    void copyFileRefusesAnExistingDestinationUnlessOverwrite() throws IOException {
        write("a.txt", "new");
        write("b.txt", "old");
        assertThat(error("copy_file", args("source", p("a.txt"), "destination", p("b.txt"))))
                .isEqualTo("'" + p("b.txt") + "' already exists");
        assertThat(f("b.txt")).hasContent("old");
        ok("copy_file", args("source", p("a.txt"), "destination", p("b.txt"), "overwrite", true));
        assertThat(f("b.txt")).hasContent("new");

        write("t1/x.txt", "1");
        write("t2/x.txt", "2");
        write("t2/keep.txt", "k");
        assertThat(error("copy_file", args("source", p("t1"), "destination", p("t2")))).contains("already exists");
        assertThat(f("t2/x.txt")).hasContent("2");
        ok("copy_file", args("source", p("t1"), "destination", p("t2"), "overwrite", true));
        assertThat(f("t2/x.txt")).hasContent("1");
        assertThat(f("t2/keep.txt")).hasContent("k");
    }

    @Test
    void copyFileRefusesCopyingIntoItselfAndOtherBadInput() {
        write("d/x.txt", "X");
        assertThat(error("copy_file", args("source", p("d"), "destination", p("d/inner")))).contains("into itself");
        assertThat(error("copy_file", args("source", p("d"), "destination", p("d")))).contains("into itself");
        assertThat(f("d/inner")).doesNotExist();
        assertThat(error("copy_file", args("source", p("nope"), "destination", p("x")))).isEqualTo("'" + p("nope")
                + "' does not exist");
        assertThat(error("copy_file", args("source", p("d"), "destination", p("x"), "extra", 1)))
                .startsWith("Invalid arguments");
    }

    // =============================================================== delete_file

    @Test
    void deleteFileFilesLinksAndDirectories() throws IOException {
        write("a.txt", "A");
        write("target.txt", "T");
        Files.createSymbolicLink(f("link"), Path.of("target.txt"));
        write("real/in.txt", "I");
        Files.createSymbolicLink(f("dirlink"), f("real"));
        Files.createDirectories(f("empty"));

        assertThat(ok("delete_file", args("path", p("a.txt")))).isEqualTo("Successfully deleted " + p("a.txt"));
        assertThat(f("a.txt")).doesNotExist();
        ok("delete_file", args("path", p("link")));
        assertThat(Files.exists(f("link"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(f("target.txt")).hasContent("T");
        ok("delete_file", args("path", p("dirlink"), "recursive", true));
        assertThat(Files.exists(f("dirlink"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(f("real/in.txt")).hasContent("I");
        assertThat(ok("delete_file", args("path", p("empty")))).isEqualTo("Successfully deleted " + p("empty"));
        assertThat(f("empty")).doesNotExist();
    }

    @Test
    void deleteFileNonEmptyDirectoryNeedsRecursive() throws IOException {
        write("full/x.txt", "X");
        write("full/sub/y.txt", "Y");
        Files.createSymbolicLink(f("full/sub/link-to-keep"), f("keep.txt"));
        write("keep.txt", "K");
        assertThat(error("delete_file", args("path", p("full")))).contains("not empty").contains("recursive: true");
        assertThat(f("full/x.txt")).hasContent("X");
        assertThat(ok("delete_file", args("path", p("full"), "recursive", true)))
                .isEqualTo("Successfully deleted " + p("full") + " (5 entries)");
        assertThat(f("full")).doesNotExist();
        assertThat(f("keep.txt")).hasContent("K");
    }

    @Test
    void deleteFileRefusesAnAllowedDirectoryAndMissingPaths() {
        assertThat(error("delete_file", args("path", root.toString(), "recursive", true)))
                .contains("allowed directory itself");
        assertThat(error("delete_file", args("path", ".", "recursive", true))).contains("allowed directory itself");
        assertThat(error("delete_file", args("path", p("nope")))).isEqualTo("'" + p("nope") + "' does not exist");
        assertThat(error("delete_file", args("path", "../elsewhere"))).contains("outside the allowed directories");
        assertThat(root).isDirectory();
        assertThat(dir).isDirectory();
    }

    // =============================================================== which tools are served

    private static final List<String> READ_TOOLS = List.of("read_text_file", "read_file", "read_media_file",
            "read_multiple_files", "list_directory", "list_directory_with_sizes", "directory_tree", "search_files",
            "get_file_info", "list_allowed_directories", "search_file_contents");
    private static final List<String> WRITE_TOOLS = List.of("write_file", "edit_file", "create_directory",
            "move_file", "copy_file");

    @Test
    void deleteFileIsServedOnlyWithAllowDelete() {
        try (FsBridge plain = FsBridge.create(Map.of("directories", root.toString()))) {
            assertThat(plain.toolNames()).doesNotContain("delete_file").containsAll(READ_TOOLS)
                    .containsAll(WRITE_TOOLS).hasSize(16);
        }
        try (FsBridge no = FsBridge.create(Map.of("directories", root.toString(), "allowDelete", "false"))) {
            assertThat(no.toolNames()).doesNotContain("delete_file");
        }
        assertThat(fs.toolNames()).contains("delete_file").hasSize(17);
    }

    @Test
    void readOnlyServesOnlyTheReadingTools() {
        for (String allowDelete : List.of("false", "true")) {
            try (FsBridge ro = FsBridge.create(Map.of("directories", root.toString(), "readOnly", "true",
                    "allowDelete", allowDelete))) {
                assertThat(ro.toolNames()).containsExactlyInAnyOrderElementsOf(READ_TOOLS);
                ro.bridge().registry().tools().forEach(tool -> assertThat(tool.spec().readOnly()).isTrue());
            }
        }
    }

    @Test
    void structuredContentOfTheOfficialToolsIsTheirText() throws IOException {
        write("s.txt", "S");
        // FsBridge.ok checks {content: text} for every tool whose output schema is the official {content: string}
        int checked = 0;
        for (String tool : fs.toolNames()) {
            if (FsBridge.isTextOutput(fs.tool(tool).spec().outputSchema())) {
                checked++;
            }
        }
        assertThat(checked).isEqualTo(15);
        CallToolResult r = fs.call("list_directory", args("path", t));
        assertThat(r.structuredContent()).isEqualTo(Map.of("content", "[FILE] s.txt"));
        assertThat(fs.tool("read_media_file").spec().outputSchema()).isNotNull();
        assertThat(fs.tool("search_file_contents").spec().outputSchema().get("required"))
                .isEqualTo(List.of("matches", "filesSearched", "filesMatched", "truncated"));
    }
}
