package dev.mcpbridge.filesystem;

import dev.mcpbridge.lib.files.PathGuard;
import dev.mcpbridge.lib.files.SafeWrites;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.files.PathGuard.Intent;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sandbox's path-validation matrix, checked both on {@link PathGuard} itself and through the tools. Every test
 * also proves that nothing outside the sandbox was touched: the directories next to it (a prefix sibling
 * {@code project2}, {@code project_evil}, and {@code outside} with a canary file) are recorded before each test and
 * compared after it, and no tool answer may ever contain the canary's content.
 *
 * <pre>
 * base/
 *   project/                 the allowed directory
 *     a.txt, sub/b.txt
 *     link-out        -> ../outside/secret.txt
 *     dirlink-out     -> ../outside
 *     chain-out-1 -> chain-out-2 -> ../outside/secret.txt
 *     chain-in-1 -> chain-in-2 -> sub/chain-in-3 -> ../a.txt
 *     loop-1 <-> loop-2
 *     dangling-out    -> ../outside/new-file.txt (does not exist)
 *     dangling-dir-out -> ../outside/new-dir     (does not exist)
 *   project2/canary.txt, project_evil/canary.txt
 *   outside/secret.txt
 * </pre>
 */
class PathGuardTest {

    private static final String SECRET = "TOP-SECRET-CANARY-7f3a9c";

    @TempDir
    static Path tmp;

    private static Path base;
    private static Path project;
    private static Path outside;
    private static Path secret;
    private static FsBridge fs;
    private static FsBridge windowsFs;

    private Witness witness;

    @BeforeAll
    static void layout() throws IOException {
        base = tmp.toRealPath();
        project = Files.createDirectories(base.resolve("project"));
        outside = Files.createDirectories(base.resolve("outside"));
        secret = Files.writeString(outside.resolve("secret.txt"), SECRET);
        Files.createDirectories(base.resolve("project2"));
        Files.writeString(base.resolve("project2/canary.txt"), SECRET + " in project2");
        Files.createDirectories(base.resolve("project_evil"));
        Files.writeString(base.resolve("project_evil/canary.txt"), SECRET + " in project_evil");

        Files.writeString(project.resolve("a.txt"), "inside a");
        Files.createDirectories(project.resolve("sub"));
        Files.writeString(project.resolve("sub/b.txt"), "inside b");
        link("link-out", secret);
        link("dirlink-out", outside);
        link("chain-out-2", secret);
        link("chain-out-1", project.resolve("chain-out-2"));
        link("sub/chain-in-3", Path.of("../a.txt"));
        link("chain-in-2", project.resolve("sub/chain-in-3"));
        link("chain-in-1", Path.of("chain-in-2"));
        link("loop-1", project.resolve("loop-2"));
        link("loop-2", project.resolve("loop-1"));
        link("dangling-out", outside.resolve("new-file.txt"));
        link("dangling-dir-out", outside.resolve("new-dir"));

        fs = FsBridge.start(Map.of("directories", project.toString(), "allowDelete", "true"));
        windowsFs = FsBridge.start(Map.of("directories", project.toString(), "allowDelete", "true",
                "windowsRules", "true"));
    }

    @AfterAll
    static void stop() {
        if (fs != null) {
            fs.close();
        }
        if (windowsFs != null) {
            windowsFs.close();
        }
    }

    @BeforeEach
    void watchOutside() {
        witness = Witness.of(base, "project");
    }

    @AfterEach
    void nothingOutsideChanged() {
        witness.assertUnchanged();
        assertThat(Files.exists(outside.resolve("new-file.txt"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.exists(outside.resolve("new-dir"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    private static void link(String name, Path target) throws IOException {
        Files.createSymbolicLink(project.resolve(name), target);
    }

    private static PathGuard guard() {
        return PathGuard.of(List.of(project.toString()), false);
    }

    private static PathGuard windowsGuard() {
        return PathGuard.of(List.of(project.toString()), true);
    }

    /** The message of the refusal, which must name the path as given and leak nothing about what lies outside. */
    private static String refused(PathGuard guard, String path, Intent intent) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> guard.resolve(path, intent));
        assertThat(thrown).as("%s (%s) must be refused", path, intent).isInstanceOf(ToolException.class);
        String message = thrown.getMessage();
        assertNoLeak(message, path);
        return message;
    }

    private static void assertNoLeak(String message, String given) {
        assertThat(message).doesNotContain(SECRET);
        for (Path p : List.of(outside, secret, base.resolve("project2"), base.resolve("project_evil"))) {
            if (!given.contains(p.toString())) {
                assertThat(message).as("error for '%s' must not reveal %s", given, p).doesNotContain(p.toString());
            }
        }
    }

    /** Calls a tool that must refuse; checks the error names the path and reveals nothing from outside. */
    private static String toolRefuses(FsBridge bridge, String tool, Map<String, Object> args, String shownPath) {
        String message = bridge.error(tool, args);
        assertNoLeak(message, shownPath);
        assertThat(message).as("%s error names the path as given", tool).contains(shownPath);
        return message;
    }

    // ---------------------------------------------------------------- prefix siblings

    static Stream<String> prefixSiblings() {
        return Stream.of("project2/canary.txt", "project_evil/canary.txt", "project2", "project_evil",
                "project2/new.txt", "project_evil/new-dir/new.txt");
    }

    @ParameterizedTest
    @MethodSource("prefixSiblings")
    void aSiblingWhoseNameStartsWithTheAllowedDirectoryIsOutside(String sibling) {
        String absolute = base.resolve(sibling).toString();
        for (String given : List.of(absolute, "../" + sibling, project + "/../" + sibling)) {
            for (Intent intent : Intent.values()) {
                assertThat(refused(guard(), given, intent)).contains("access denied").contains("'" + given + "'");
            }
        }
        toolRefuses(fs, "read_text_file", Map.of("path", absolute), absolute);
        toolRefuses(fs, "write_file", Map.of("path", absolute, "content", "x"), absolute);
        toolRefuses(fs, "create_directory", Map.of("path", absolute + "/x"), absolute + "/x");
        toolRefuses(fs, "list_directory", Map.of("path", absolute), absolute);
    }

    @Test
    void theAllowedDirectoryItselfAndItsChildrenAreInside() {
        assertThat(guard().resolve(project.toString(), Intent.EXISTING)).isEqualTo(project);
        assertThat(guard().resolve(project + "/a.txt", Intent.EXISTING)).isEqualTo(project.resolve("a.txt"));
        assertThat(guard().resolve("a.txt", Intent.EXISTING)).isEqualTo(project.resolve("a.txt"));
        assertThat(guard().resolve(".", Intent.EXISTING)).isEqualTo(project);
    }

    // ---------------------------------------------------------------- .. chains

    @ParameterizedTest
    @ValueSource(strings = {"..", "../", "./..", "../outside/secret.txt", "sub/../../outside/secret.txt",
        "sub/../../../../../../../../etc/passwd", "a/b/c/../../../../outside/new.txt", "../project/../outside",
        "~", "~/anything", "/", "/etc/passwd", "//etc/passwd"})
    void dotDotChainsAndOtherEscapesAreRefused(String given) {
        for (Intent intent : List.of(Intent.EXISTING, Intent.CREATE)) {
            refused(guard(), given, intent);
        }
        String message = fs.error("read_text_file", Map.of("path", given));
        assertNoLeak(message, given);
        fs.error("write_file", Map.of("path", given, "content", "pwned"));
    }

    @Test
    void absoluteDotDotChainsAreRefused() {
        for (String given : List.of(project + "/..", project + "/sub/../../outside/secret.txt",
                project + "/sub/../../outside", project + "/../outside/new.txt")) {
            for (Intent intent : Intent.values()) {
                refused(guard(), given, intent);
            }
            toolRefuses(fs, "read_text_file", Map.of("path", given), given);
            toolRefuses(fs, "write_file", Map.of("path", given, "content", "pwned"), given);
        }
    }

    @Test
    void dotDotThatStaysInsideIsAllowed() {
        assertThat(guard().resolve("sub/../a.txt", Intent.EXISTING)).isEqualTo(project.resolve("a.txt"));
        assertThat(guard().resolve(project + "/sub/..", Intent.EXISTING)).isEqualTo(project);
        assertThat(guard().resolve("sub/./b.txt", Intent.EXISTING)).isEqualTo(project.resolve("sub/b.txt"));
        assertThat(guard().resolve("sub/x/../new.txt", Intent.CREATE)).isEqualTo(project.resolve("sub/new.txt"));
        assertThat(fs.ok("read_text_file", Map.of("path", "sub/../sub/b.txt"))).isEqualTo("inside b");
    }

    // ---------------------------------------------------------------- null bytes, blanks

    @ParameterizedTest
    @ValueSource(strings = {"a.txt\0", "a.txt\0.png", "\0", "sub\0/b.txt", "../outside\0/secret.txt"})
    void aNulByteIsRefused(String given) {
        for (Intent intent : Intent.values()) {
            assertThat(refused(guard(), given, intent)).contains("NUL");
        }
        assertThat(fs.error("read_text_file", Map.of("path", given))).contains("NUL");
        assertThat(fs.error("write_file", Map.of("path", given, "content", "x"))).contains("NUL");
        assertThat(project.resolve("a.txt")).hasContent("inside a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void aBlankPathIsRefused(String given) {
        assertThat(refused(guard(), given, Intent.EXISTING)).contains("path is required");
    }

    // ---------------------------------------------------------------- trailing separators

    @Test
    void trailingSeparatorsAreTheDirectoryItself() {
        assertThat(guard().resolve("sub/", Intent.EXISTING)).isEqualTo(project.resolve("sub"));
        assertThat(guard().resolve("sub//", Intent.EXISTING)).isEqualTo(project.resolve("sub"));
        assertThat(guard().resolve("sub//b.txt", Intent.EXISTING)).isEqualTo(project.resolve("sub/b.txt"));
        assertThat(guard().resolve(project + "/", Intent.EXISTING)).isEqualTo(project);
        assertThat(fs.ok("list_directory", Map.of("path", "sub/"))).contains("[FILE] b.txt");
        assertThat(fs.ok("list_directory", Map.of("path", project + "/"))).contains("[DIR] sub");
        for (String given : List.of("../project2/", base.resolve("project2") + "/", "../outside/",
                "dirlink-out/")) {
            refused(guard(), given, Intent.EXISTING);
            toolRefuses(fs, "list_directory", Map.of("path", given), given);
        }
    }

    // ---------------------------------------------------------------- unicode and spaces

    @Test
    void unicodeAndSpacesInNamesWork() throws IOException {
        String dir = "uni/dir with space/ünïcödé 文件";
        String file = dir + "/résumé 😀 notes.txt";
        assertThat(fs.ok("create_directory", Map.of("path", dir))).isEqualTo("Successfully created directory " + dir);
        assertThat(fs.ok("write_file", Map.of("path", file, "content", "naïve café ✓")))
                .isEqualTo("Successfully wrote to " + file);
        assertThat(project.resolve(file)).hasContent("naïve café ✓");
        assertThat(fs.ok("read_text_file", Map.of("path", file))).isEqualTo("naïve café ✓");
        assertThat(fs.ok("read_text_file", Map.of("path", project.resolve(file).toString())))
                .isEqualTo("naïve café ✓");
        assertThat(fs.ok("list_directory", Map.of("path", dir))).isEqualTo("[FILE] résumé 😀 notes.txt");
        assertThat(guard().resolve(file, Intent.EXISTING)).isEqualTo(project.resolve(file));
        assertThat(guard().resolve("uni/dir with space/../dir with space/ünïcödé 文件/new ✓.txt", Intent.CREATE))
                .isEqualTo(project.resolve(dir).resolve("new ✓.txt"));
        String message = refused(guard(), "../outside/ünïcödé 文件.txt", Intent.CREATE);
        assertThat(message).contains("'../outside/ünïcödé 文件.txt'");
    }

    @Test
    void namesWithLeadingOrTrailingSpacesAreTakenAsGiven() throws IOException {
        Files.createDirectories(project.resolve("spaces"));
        Files.writeString(project.resolve("spaces/x.txt"), "plain");
        Files.writeString(project.resolve(" lead.txt"), "leading space");
        try {
            assertThat(fs.ok("read_text_file", Map.of("path", " lead.txt"))).isEqualTo("leading space");
            fs.ok("write_file", Map.of("path", "spaces/x.txt ", "content", "trailing space"));
            assertThat(project.resolve("spaces/x.txt")).hasContent("plain");
            assertThat(project.resolve("spaces/x.txt ")).hasContent("trailing space");
        } finally {
            Files.delete(project.resolve(" lead.txt"));
        }
    }

    @Test
    void spacesInsideAPathAreKept() throws IOException {
        Files.createDirectories(project.resolve("spaces-in"));
        Files.writeString(project.resolve("spaces-in/ lead.txt"), "leading space");
        Files.writeString(project.resolve("spaces-in/trail .txt"), "trailing space");
        assertThat(fs.ok("read_text_file", Map.of("path", "spaces-in/ lead.txt"))).isEqualTo("leading space");
        assertThat(fs.ok("read_text_file", Map.of("path", "spaces-in/trail .txt"))).isEqualTo("trailing space");
        assertThat(guard().resolve("spaces-in/ lead.txt", Intent.EXISTING))
                .isEqualTo(project.resolve("spaces-in/ lead.txt"));
    }

    // ---------------------------------------------------------------- nested and overlapping allowed directories

    @Test
    void nestedAndOverlappingAllowedDirectories(@TempDir Path other) throws IOException {
        Path second = other.toRealPath();
        Files.writeString(second.resolve("only-in-second.txt"), "second");
        PathGuard g = PathGuard.of(List.of(project.toString(), project.resolve("sub").toString(),
                project + "/", second.toString(), project.toString()), false);
        assertThat(g.roots()).containsExactly(project, project.resolve("sub"), second);
        assertThat(g.resolve(project.resolve("sub/b.txt").toString(), Intent.EXISTING))
                .isEqualTo(project.resolve("sub/b.txt"));
        assertThat(g.resolve(second.resolve("only-in-second.txt").toString(), Intent.EXISTING))
                .isEqualTo(second.resolve("only-in-second.txt"));
        // A relative path is taken in the first allowed directory where it exists, else in the first one.
        assertThat(g.resolve("only-in-second.txt", Intent.EXISTING)).isEqualTo(second.resolve("only-in-second.txt"));
        assertThat(g.resolve("b.txt", Intent.EXISTING)).isEqualTo(project.resolve("sub/b.txt"));
        assertThat(g.resolve("brand-new.txt", Intent.CREATE)).isEqualTo(project.resolve("brand-new.txt"));
        refused(g, base.resolve("project2/canary.txt").toString(), Intent.EXISTING);
        refused(g, second.getParent().toString(), Intent.EXISTING);

        try (FsBridge two = FsBridge.start(Map.of("directories", project + "\n" + project.resolve("sub") + "\n"
                + second, "allowDelete", "true"))) {
            assertThat(two.ok("list_allowed_directories", Map.of())).isEqualTo("Allowed directories:\n" + project
                    + "\n" + project.resolve("sub") + "\n" + second);
            assertThat(two.ok("read_text_file", Map.of("path", "only-in-second.txt"))).isEqualTo("second");
            assertThat(two.error("delete_file", Map.of("path", project.resolve("sub").toString(),
                    "recursive", true))).contains("allowed directory");
            assertThat(two.error("move_file", Map.of("source", project.resolve("sub").toString(),
                    "destination", project.resolve("sub-moved").toString()))).contains("allowed directory");
            assertThat(project.resolve("sub/b.txt")).hasContent("inside b");
        }
    }

    // ---------------------------------------------------------------- symlinks

    @Test
    void aSymlinkPointingOutIsRefusedForReadingAndWriting() {
        for (Intent intent : List.of(Intent.EXISTING, Intent.CREATE)) {
            assertThat(refused(guard(), "link-out", intent)).contains("'link-out'");
            assertThat(refused(guard(), "dirlink-out", intent)).contains("'dirlink-out'");
            assertThat(refused(guard(), "dirlink-out/secret.txt", intent)).contains("'dirlink-out/secret.txt'");
            refused(guard(), project + "/link-out", intent);
        }
        refused(guard(), "dirlink-out/secret.txt", Intent.ENTRY);
    }

    static Stream<Arguments> escapesThroughLinks() {
        return Stream.of(
                Arguments.of("read_text_file", Map.of("path", "link-out"), "link-out"),
                Arguments.of("read_text_file", Map.of("path", "link-out", "head", 1), "link-out"),
                Arguments.of("read_text_file", Map.of("path", "dirlink-out/secret.txt", "tail", 1),
                        "dirlink-out/secret.txt"),
                Arguments.of("read_file", Map.of("path", "dirlink-out/secret.txt"), "dirlink-out/secret.txt"),
                Arguments.of("read_media_file", Map.of("path", "link-out"), "link-out"),
                Arguments.of("get_file_info", Map.of("path", "link-out"), "link-out"),
                Arguments.of("write_file", Map.of("path", "link-out", "content", "pwned"), "link-out"),
                Arguments.of("write_file", Map.of("path", "dirlink-out/secret.txt", "content", "pwned"),
                        "dirlink-out/secret.txt"),
                Arguments.of("edit_file", Map.of("path", "link-out", "edits",
                        List.of(Map.of("oldText", SECRET, "newText", "pwned"))), "link-out"),
                Arguments.of("create_directory", Map.of("path", "dirlink-out/new-dir"), "dirlink-out/new-dir"),
                Arguments.of("list_directory", Map.of("path", "dirlink-out"), "dirlink-out"),
                Arguments.of("list_directory_with_sizes", Map.of("path", "dirlink-out"), "dirlink-out"),
                Arguments.of("directory_tree", Map.of("path", "dirlink-out"), "dirlink-out"),
                Arguments.of("search_files", Map.of("path", "dirlink-out", "pattern", "**"), "dirlink-out"),
                Arguments.of("search_file_contents", Map.of("path", "dirlink-out", "pattern", "SECRET"),
                        "dirlink-out"),
                Arguments.of("search_file_contents", Map.of("path", "link-out", "pattern", "SECRET"), "link-out"),
                Arguments.of("copy_file", Map.of("source", "link-out", "destination", "stolen.txt"), "link-out"),
                Arguments.of("copy_file", Map.of("source", "dirlink-out", "destination", "stolen-dir"),
                        "dirlink-out"),
                Arguments.of("copy_file", Map.of("source", "a.txt", "destination", "link-out", "overwrite", true),
                        "link-out"),
                Arguments.of("copy_file", Map.of("source", "a.txt", "destination", "dirlink-out/copied.txt"),
                        "dirlink-out/copied.txt"),
                Arguments.of("move_file", Map.of("source", "dirlink-out/secret.txt", "destination", "stolen.txt"),
                        "dirlink-out/secret.txt"),
                Arguments.of("move_file", Map.of("source", "sub/b.txt", "destination", "dirlink-out/b.txt"),
                        "dirlink-out/b.txt"),
                Arguments.of("delete_file", Map.of("path", "dirlink-out/secret.txt"), "dirlink-out/secret.txt"),
                Arguments.of("read_text_file", Map.of("path", "chain-out-1"), "chain-out-1"),
                Arguments.of("write_file", Map.of("path", "chain-out-1", "content", "pwned"), "chain-out-1"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("escapesThroughLinks")
    void noToolReadsOrWritesThroughALinkThatPointsOut(String tool, Map<String, Object> args, String shown) {
        String message = toolRefuses(fs, tool, args, shown);
        assertThat(message).doesNotContain(SECRET);
        assertThat(secret).hasContent(SECRET);
        assertThat(project.resolve("a.txt")).hasContent("inside a");
        assertThat(project.resolve("sub/b.txt")).hasContent("inside b");
        assertThat(project.resolve("stolen.txt")).doesNotExist();
        assertThat(project.resolve("stolen-dir")).doesNotExist();
        assertThat(Files.isSymbolicLink(project.resolve("link-out"))).isTrue();
    }

    @Test
    void walksNeitherFollowNorShowLinksThatPointOut() {
        String tree = fs.ok("directory_tree", Map.of("path", "."));
        assertThat(tree).doesNotContain("link-out").doesNotContain("chain-out").doesNotContain("secret.txt")
                .contains("chain-in-1").contains("\"a.txt\"");
        String found = fs.ok("search_files", Map.of("path", ".", "pattern", "**"));
        assertThat(found).doesNotContain("link-out").doesNotContain(outside.toString()).contains("chain-in-1");
        String grep = fs.ok("search_file_contents", Map.of("path", ".", "pattern", "SECRET|inside"));
        assertThat(grep).doesNotContain(SECRET).contains("inside a");
    }

    @Test
    void symlinkChains() {
        // in -> in -> in: allowed, and resolves to the final target
        assertThat(guard().resolve("chain-in-1", Intent.EXISTING)).isEqualTo(project.resolve("a.txt"));
        assertThat(fs.ok("read_text_file", Map.of("path", "chain-in-1"))).isEqualTo("inside a");
        // in -> in -> out: refused
        for (Intent intent : List.of(Intent.EXISTING, Intent.CREATE)) {
            assertThat(refused(guard(), "chain-out-1", intent)).contains("'chain-out-1'");
        }
        // a loop is an error, not a hang
        assertThat(fs.error("read_text_file", Map.of("path", "loop-1"))).contains("'loop-1'");
        assertThat(fs.error("write_file", Map.of("path", "loop-1", "content", "x"))).contains("'loop-1'");
    }

    @Test
    void writingThroughAnInsideLinkUpdatesItsTargetAndKeepsTheLink() throws IOException {
        Files.createDirectories(project.resolve("inlink"));
        Files.writeString(project.resolve("inlink/target.txt"), "old");
        Files.createSymbolicLink(project.resolve("inlink/link.txt"), Path.of("target.txt"));
        fs.ok("write_file", Map.of("path", "inlink/link.txt", "content", "new"));
        assertThat(Files.isSymbolicLink(project.resolve("inlink/link.txt"))).isTrue();
        assertThat(project.resolve("inlink/target.txt")).hasContent("new");
    }

    @Test
    void anAllowedDirectoryThatIsASymlinkWorksThroughTheLinkAndThroughItsTarget(@TempDir Path t) throws IOException {
        Path top = t.toRealPath();
        Path real = Files.createDirectories(top.resolve("real-root"));
        Files.writeString(real.resolve("f.txt"), "through either");
        Path link = Files.createSymbolicLink(top.resolve("link-root"), real);
        Files.createDirectories(top.resolve("beside"));
        Files.writeString(top.resolve("beside/x.txt"), SECRET);
        Witness beside = Witness.of(top, "real-root", "link-root");

        PathGuard g = PathGuard.of(List.of(link.toString()), false);
        assertThat(g.roots()).containsExactly(real);
        assertThat(g.resolve(link + "/f.txt", Intent.EXISTING)).isEqualTo(real.resolve("f.txt"));
        assertThat(g.resolve(real + "/f.txt", Intent.EXISTING)).isEqualTo(real.resolve("f.txt"));
        assertThat(g.resolve("f.txt", Intent.EXISTING)).isEqualTo(real.resolve("f.txt"));
        assertThat(g.resolve(link + "/new/n.txt", Intent.CREATE)).isEqualTo(real.resolve("new/n.txt"));
        assertThat(g.resolve(link + "/f.txt", Intent.ENTRY)).isEqualTo(real.resolve("f.txt"));
        refused(g, link + "/../beside/x.txt", Intent.EXISTING);
        refused(g, top + "/beside/x.txt", Intent.EXISTING);

        try (FsBridge viaLink = FsBridge.start(Map.of("directories", link.toString(), "allowDelete", "true"))) {
            assertThat(viaLink.ok("read_text_file", Map.of("path", link + "/f.txt"))).isEqualTo("through either");
            assertThat(viaLink.ok("read_text_file", Map.of("path", real + "/f.txt"))).isEqualTo("through either");
            viaLink.ok("write_file", Map.of("path", link + "/via-link.txt", "content", "1"));
            viaLink.ok("write_file", Map.of("path", real + "/via-real.txt", "content", "2"));
            viaLink.ok("create_directory", Map.of("path", link + "/made/here"));
            assertThat(real.resolve("via-link.txt")).hasContent("1");
            assertThat(real.resolve("via-real.txt")).hasContent("2");
            assertThat(real.resolve("made/here")).isDirectory();
            assertThat(viaLink.ok("list_directory", Map.of("path", link.toString()))).contains("[FILE] f.txt");
            viaLink.ok("delete_file", Map.of("path", link + "/via-link.txt"));
            assertThat(real.resolve("via-link.txt")).doesNotExist();
            // The allowed directory itself cannot be deleted, whichever way it is named.
            viaLink.error("delete_file", Map.of("path", link.toString(), "recursive", true));
            viaLink.error("delete_file", Map.of("path", real.toString(), "recursive", true));
            assertThat(Files.isSymbolicLink(link)).isTrue();
            assertThat(real.resolve("f.txt")).hasContent("through either");
            viaLink.error("read_text_file", Map.of("path", link + "/../beside/x.txt"));
        }
        beside.assertUnchanged();
    }

    // ---------------------------------------------------------------- races and dangling links at the destination

    @Test
    void aFileSwappedForAnOutwardLinkAfterTheCheckIsReplacedNotFollowed() throws IOException {
        Files.createDirectories(project.resolve("swap"));
        Files.writeString(project.resolve("swap/victim.txt"), "original");
        PathGuard g = guard();
        Path target = g.resolve("swap/victim.txt", Intent.CREATE);
        // the attacker swaps the checked file for a link to a file outside
        Files.delete(target);
        Files.createSymbolicLink(target, secret);

        SafeWrites.write(target, "written", g, "swap/victim.txt");

        assertThat(secret).hasContent(SECRET);
        assertThat(Files.isSymbolicLink(target)).as("the rename replaced the link").isFalse();
        assertThat(target).hasContent("written");
        try (Stream<Path> left = Files.list(project.resolve("swap"))) {
            assertThat(left).as("no temporary file is left behind").containsExactly(target);
        }
    }

    @Test
    void aParentSwappedForAnOutwardLinkAfterTheCheckIsRefused() throws IOException {
        Files.createDirectories(project.resolve("swapdir"));
        Files.writeString(project.resolve("swapdir/victim.txt"), "original");
        PathGuard g = guard();
        Path target = g.resolve("swapdir/victim.txt", Intent.CREATE);
        Files.move(project.resolve("swapdir"), project.resolve("swapdir-old"));
        Files.createSymbolicLink(project.resolve("swapdir"), outside);
        try {
            assertThatThrownBy(() -> SafeWrites.write(target, "written", g, "swapdir/victim.txt"))
                    .isInstanceOf(ToolException.class).hasMessageContaining("'swapdir/victim.txt'")
                    .hasMessageNotContaining(outside.toString());
            assertThat(outside.resolve("victim.txt")).doesNotExist();
        } finally {
            Files.delete(project.resolve("swapdir"));
        }
    }

    @Test
    void aDanglingLinkAtTheDestinationIsRefused() throws IOException {
        assertThat(refused(guard(), "dangling-out", Intent.CREATE)).contains("'dangling-out'");
        assertThat(refused(guard(), "dangling-out", Intent.EXISTING)).contains("'dangling-out'");
        assertThat(refused(guard(), "dangling-dir-out/x.txt", Intent.CREATE)).contains("'dangling-dir-out/x.txt'");
        toolRefuses(fs, "write_file", Map.of("path", "dangling-out", "content", "pwned"), "dangling-out");
        toolRefuses(fs, "create_directory", Map.of("path", "dangling-dir-out"), "dangling-dir-out");
        toolRefuses(fs, "create_directory", Map.of("path", "dangling-dir-out/x"), "dangling-dir-out/x");
        toolRefuses(fs, "write_file", Map.of("path", "dangling-dir-out/x.txt", "content", "pwned"),
                "dangling-dir-out/x.txt");
        toolRefuses(fs, "copy_file", Map.of("source", "a.txt", "destination", "dangling-out"), "dangling-out");
        toolRefuses(fs, "copy_file", Map.of("source", "sub", "destination", "dangling-dir-out"), "dangling-dir-out");
        fs.error("move_file", Map.of("source", "a.txt", "destination", "dangling-out"));
        assertThat(project.resolve("a.txt")).hasContent("inside a");
        // a dangling link to a place inside is refused as well: writing would create its target
        Files.createSymbolicLink(project.resolve("dangling-in"), Path.of("not-yet.txt"));
        toolRefuses(fs, "write_file", Map.of("path", "dangling-in", "content", "x"), "dangling-in");
        assertThat(project.resolve("not-yet.txt")).doesNotExist();
    }

    @Test
    void aParentThatLinksOutIsRefusedForCreate() {
        for (String given : List.of("dirlink-out/new.txt", "dirlink-out/deep/er/new.txt", "dirlink-out/secret.txt",
                project + "/dirlink-out/new.txt")) {
            assertThat(refused(guard(), given, Intent.CREATE)).contains("'" + given + "'");
            toolRefuses(fs, "write_file", Map.of("path", given, "content", "pwned"), given);
            toolRefuses(fs, "create_directory", Map.of("path", given), given);
        }
        // a parent that is a file is refused too
        refused(guard(), "a.txt/new.txt", Intent.CREATE);
        assertThat(fs.error("write_file", Map.of("path", "a.txt/new.txt", "content", "x"))).contains("'a.txt/new.txt'");
        assertThat(project.resolve("a.txt")).hasContent("inside a");
    }

    @Test
    void aParentThatIsAFileIsRefusedWithItsOwnReason() {
        assertThat(refused(guard(), "a.txt/new.txt", Intent.CREATE)).contains("not a directory");
        assertThat(refused(guard(), "a.txt/deeper/new.txt", Intent.CREATE)).contains("not a directory");
    }

    @Test
    void deletingALinkThatPointsOutRemovesTheLinkOnly() throws IOException {
        Files.createSymbolicLink(project.resolve("link-out-del"), secret);
        Files.createSymbolicLink(project.resolve("dirlink-out-del"), outside);
        assertThat(guard().resolve("link-out-del", Intent.ENTRY)).isEqualTo(project.resolve("link-out-del"));
        fs.ok("delete_file", Map.of("path", "link-out-del"));
        fs.ok("delete_file", Map.of("path", "dirlink-out-del", "recursive", true));
        assertThat(project.resolve("link-out-del")).doesNotExist();
        assertThat(Files.exists(project.resolve("dirlink-out-del"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(secret).hasContent(SECRET);
    }

    // ---------------------------------------------------------------- Windows-only forms

    static Stream<Arguments> windowsForms() {
        return Stream.of(
                Arguments.of("file.txt:stream", "alternate data stream"),
                Arguments.of("a.txt:$DATA", "alternate data stream"),
                Arguments.of("sub\\b.txt::$DATA", "alternate data stream"),
                Arguments.of("\\\\?\\C:\\x", "verbatim"),
                Arguments.of("\\\\.\\PhysicalDrive0", "device"),
                Arguments.of("\\\\server\\share\\x", "UNC"),
                Arguments.of("//server/share", "UNC"),
                Arguments.of("//server/share/x.txt", "UNC"),
                Arguments.of("CON", "device"),
                Arguments.of("con", "device"),
                Arguments.of("nul.txt", "device"),
                Arguments.of("sub\\AUX.log", "device"),
                Arguments.of("sub/com1", "device"),
                Arguments.of("LPT9.tar.gz", "device"),
                Arguments.of("PRN  ", "device"),
                Arguments.of("nul.", "device"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("windowsForms")
    void windowsOnlyFormsAreRefusedWithAClearReason(String given, String reason) {
        for (Intent intent : Intent.values()) {
            assertThat(refused(windowsGuard(), given, intent)).contains("'" + given + "'").contains(reason);
        }
        assertThat(windowsFs.error("read_text_file", Map.of("path", given))).contains("'" + given + "'")
                .contains(reason);
        assertThat(windowsFs.error("write_file", Map.of("path", given, "content", "x"))).contains(reason);
        assertThat(windowsFs.error("create_directory", Map.of("path", given))).contains(reason);
    }

    @Test
    void aDriveRootEscapeIsRefusedUnderWindowsRules() {
        for (Intent intent : Intent.values()) {
            assertThat(refused(windowsGuard(), "C:\\..", intent)).contains("'C:\\..'");
        }
        assertThat(windowsFs.error("list_directory", Map.of("path", "C:\\.."))).contains("'C:\\..'");
    }

    @Test
    void aDrivePathIsNeverReinterpretedAsARelativePathUnderWindowsRules() throws IOException {
        try {
            windowsFs.error("create_directory", Map.of("path", "C:\\x"));
            windowsFs.error("write_file", Map.of("path", "c:/y.txt", "content", "x"));
            assertThat(project.resolve("C:")).doesNotExist();
            assertThat(project.resolve("c:")).doesNotExist();
        } finally {
            for (String drive : List.of("C:", "c:")) {
                if (Files.exists(project.resolve(drive))) {
                    SafeWrites.deleteTree(project.resolve(drive));
                }
            }
        }
    }

    @Test
    void ordinaryNamesAreNotMistakenForWindowsForms() throws IOException {
        Files.createDirectories(project.resolve("win-ok"));
        for (String name : List.of("console.txt", "nullable.txt", "com10.txt", "conf.d", "auxiliary", "lpt.txt")) {
            Files.writeString(project.resolve("win-ok").resolve(name), name);
            assertThat(windowsFs.ok("read_text_file", Map.of("path", "win-ok\\" + name))).isEqualTo(name);
        }
        assertThat(windowsFs.ok("read_text_file", Map.of("path", "sub\\b.txt"))).isEqualTo("inside b");
        assertThat(windowsGuard().resolve("sub\\b.txt", Intent.EXISTING)).isEqualTo(project.resolve("sub/b.txt"));
        // without Windows rules a device name is an ordinary POSIX name
        fs.ok("write_file", Map.of("path", "win-ok/CON", "content", "posix"));
        assertThat(project.resolve("win-ok/CON")).hasContent("posix");
    }

    @ParameterizedTest
    @ValueSource(strings = {"C:\\Users\\me\\x.txt", "c:/temp/x.txt", "C:", "D:\\", "z:/"})
    void withoutWindowsRulesADrivePathIsRefusedAsAWindowsPath(String given) {
        for (Intent intent : Intent.values()) {
            assertThat(refused(guard(), given, intent)).contains("'" + given + "'").contains("Windows path");
        }
        assertThat(fs.error("write_file", Map.of("path", given, "content", "x"))).contains("Windows path");
        try (Stream<Path> names = Files.list(project)) {
            assertThat(names.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(":"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- error messages

    @Test
    void errorMessagesNameThePathAsGivenAndNeverTheResolvedOutsidePath() {
        List<String> givens = new ArrayList<>(List.of("link-out", "dirlink-out/secret.txt", "dirlink-out/new.txt",
                "chain-out-1", "../outside/secret.txt", "sub/../../outside/secret.txt", "dangling-out",
                "dangling-dir-out/x.txt", "../project2/canary.txt"));
        for (String given : givens) {
            for (String tool : List.of("read_text_file", "get_file_info", "write_file")) {
                Map<String, Object> args = tool.equals("write_file") ? Map.of("path", given, "content", "x")
                        : Map.of("path", given);
                CallToolResult r = fs.call(tool, args);
                assertThat(r.isError()).as("%s %s", tool, given).isTrue();
                String message = FsBridge.text(r);
                assertThat(message).as("%s %s", tool, given).contains("'" + given + "'")
                        .doesNotContain(outside.toString()).doesNotContain(base.resolve("project2").toString())
                        .doesNotContain(SECRET);
            }
        }
        // a path that does not exist inside is named as given too, not as its absolute form
        assertThat(fs.error("read_text_file", Map.of("path", "sub/missing.txt")))
                .isEqualTo("'sub/missing.txt' does not exist");
    }

    @Test
    void theCanaryIsNeverRead() throws IOException {
        assertThat(Files.readString(secret, StandardCharsets.UTF_8)).isEqualTo(SECRET);
        String all = fs.ok("read_multiple_files", Map.of("paths", List.of("a.txt", "link-out",
                "dirlink-out/secret.txt", "../outside/secret.txt", "chain-out-1", secret.toString())));
        assertThat(all).contains("inside a").doesNotContain(SECRET);
    }
}
