package dev.mcpbridge.quickfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolCallContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Patterns that backtrack catastrophically in java.util.regex ({@code (((a+)+)+)+b}, the glob
 * {@code *a*a*a*a*a*a*a*a*a*a*a*a*b}) end at once in every tool that takes one; what RE2 lacks (backreferences) is
 * a clear error; a cancelled call's pattern work stops. A call that has not ended after 10 s fails the test: with
 * a backtracking engine these would run for years.
 */
class RunawayPatternTest {

    private static final String RUNAWAY = "(((a+)+)+)+b";

    @TempDir
    java.nio.file.Path dir;
    QuickFilesFixture qf;

    @BeforeEach
    void setUp() throws Exception {
        qf = new QuickFilesFixture(dir);
        qf.write("a.txt", "a".repeat(5000) + "c\n");
    }

    private static <T> T ends(Supplier<T> call) throws Exception {
        CompletableFuture<T> run = CompletableFuture.supplyAsync(call);
        try {
            return run.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return fail("the call was still running after 10 s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    @Test
    void aCatastrophicRegexEndsInSearchReplaceAndEdit() throws Exception {
        assertThat(ends(() -> qf.ok("search_in_files", Map.of("paths", List.of("."), "pattern", RUNAWAY))))
                .contains("No results found.");
        assertThat(ends(() -> qf.ok("search_and_replace", Map.of("paths", List.of("a.txt"), "search", RUNAWAY,
                "replace", "x")))).contains("Total replacements: 0");
        TextResult edit = ends(() -> qf.call("edit_multiple_files", Map.of("files", List.of(Map.of("path", "a.txt",
                "diffs", List.of(Map.of("search", RUNAWAY, "replace", "x", "use_regex", true)))))));
        assertThat(edit.text()).contains("the text to search for was not found");
    }

    @Test
    void aBackreferenceIsAClearErrorNamingWhatIsUnsupported() throws Exception {
        assertThatThrownBy(() -> qf.call("search_in_files", Map.of("paths", List.of("."), "pattern", "(a*)*\\1b")))
                .hasMessageContaining("pattern is not a valid regular expression")
                .hasMessageContaining("backreferences (\\1)").hasMessageContaining("Rewrite the pattern without them");
        assertThatThrownBy(() -> qf.call("search_and_replace", Map.of("paths", List.of("a.txt"), "search",
                "(?=a)a", "replace", "x"))).hasMessageContaining("look-ahead");
    }

    @Test
    void aCatastrophicGlobEndsInListingAndCopying() throws Exception {
        String name = "a".repeat(200);
        qf.write(name, "x");
        String glob = "*a*a*a*a*a*a*a*a*a*a*a*a*b";
        assertThat(ends(() -> qf.ok("list_directory_contents", Map.of("paths", List.of("."), "file_pattern", glob))))
                .doesNotContain(name);
        assertThat(ends(() -> qf.call("copy_files", Map.of("operations", List.of(Map.of("source", glob,
                "destination", "out/"))))).text()).contains("no file matches");
    }

    @Test
    void aCatastrophicTransformOnALongNameEnds() throws Exception {
        String name = "a".repeat(200);
        qf.write(name, "x");
        TextResult r = ends(() -> qf.call("copy_files", Map.of("operations", List.of(Map.of("source", name,
                "destination", "out/", "transform", Map.of("pattern", "(a|aa)*c", "replacement", "b"))))));
        assertThat(r.error()).isFalse();
        assertThat(dir.resolve("out").resolve(name)).exists();
    }

    @Test
    void aCancelledSearchStopsItsWork() throws Exception {
        qf.write("big.txt", ("x".repeat(100) + "\n").repeat(50_000));
        AtomicInteger asked = new AtomicInteger();
        ToolCallContext cancelledSoon = new ToolCallContext() {
            @Override
            public void progress(double progress, Double total, String message) {
            }

            @Override
            public void log(String level, String message) {
            }

            @Override
            public boolean cancelled() {
                // Not yet when the call starts; cancelled by the time the regex reads the file.
                return asked.incrementAndGet() > 1;
            }

            @Override
            public List<String> roots() {
                return List.of();
            }

            @Override
            public String toolName() {
                return "search_in_files";
            }

            @Override
            public Map<String, Object> requestFromClient(String method, Map<String, Object> params) {
                throw new UnsupportedOperationException();
            }
        };
        assertThatThrownBy(() -> ends(() -> qf.tools.searchInFiles(QuickFilesFixture.as(Map.of("paths",
                List.of("big.txt"), "pattern", "y$"), QuickFilesArguments.SearchInFiles.class), cancelledSoon)))
                .isInstanceOf(CancellationException.class);
        assertThat(asked.get()).isGreaterThan(1);
    }
}
