package dev.mcpbridge.quickfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.mcpbridge.core.spi.TextResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** delete_files, copy_files, move_files. */
class FileOperationsTest {

    @TempDir
    Path dir;
    QuickFilesFixture qf;

    @BeforeEach
    void setUp() {
        qf = new QuickFilesFixture(dir);
    }

    private static Map<String, Object> op(String source, String destination, Object... more) {
        Map<String, Object> m = new HashMap<>(Map.of("source", source, "destination", destination));
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    private TextResult ops(String tool, Map<String, Object>... operations) {
        return qf.call(tool, Map.of("operations", List.of(operations)));
    }

    @Test
    void deletesPerItem() throws Exception {
        qf.write("a.txt", "a");
        qf.write("no-permission.txt", "b");
        Files.createDirectory(dir.resolve("sub"));
        TextResult r = qf.call("delete_files", Map.of("paths", List.of("a.txt", "no-permission.txt", "missing.txt",
                "sub")));
        assertThat(r.error()).isFalse();
        // Regression: the original refused any path containing "no-permission", a test hook in production code.
        assertThat(r.text()).isEqualTo("## File deletion report\n\nDeleted file: a.txt\nDeleted file: no-permission.txt\n"
                + "Deletion failed: missing.txt: 'missing.txt' does not exist\n"
                + "Deletion failed: sub: 'sub' is a directory; delete_files removes files\n");
        assertThat(dir.resolve("a.txt")).doesNotExist();
        assertThat(dir.resolve("sub")).isDirectory();
    }

    @Test
    void deletingALinkRemovesTheLinkNotItsTarget() throws Exception {
        Path target = qf.write("t.txt", "keep");
        Files.createSymbolicLink(dir.resolve("l.txt"), target);
        qf.ok("delete_files", Map.of("paths", List.of("l.txt")));
        assertThat(target).hasContent("keep");
        assertThat(dir.resolve("l.txt")).doesNotExist();
    }

    @Test
    void copiesWithGlobTransformAndKeepsTheMode() throws Exception {
        qf.write("src/a.txt", "A");
        qf.write("src/b.txt", "B");
        qf.write("src/c.md", "C");
        Files.setPosixFilePermissions(dir.resolve("src/a.txt"), PosixFilePermissions.fromString("rwx------"));
        TextResult r = ops("copy_files", op("src/*.txt", "out", "transform", Map.of("pattern", "(\\w+)\\.txt",
                "replacement", "$1.bak")));
        assertThat(r.text()).isEqualTo("## Operation: copy\n### Source: src/*.txt -> Destination: out\n"
                + "- ✓ src/a.txt -> out/a.bak (file copied)\n- ✓ src/b.txt -> out/b.bak (file copied)\n\n### Summary\n"
                + "- Total files processed: 2\n- Succeeded: 2\n- Failed: 0\n\n2 file(s) processed\n");
        assertThat(qf.read("out/a.bak")).isEqualTo("A");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("out/a.bak"))))
                .isEqualTo("rwx------");
        assertThat(qf.read("src/a.txt")).isEqualTo("A");
    }

    @Test
    void conflictStrategies() throws Exception {
        qf.write("a.txt", "new");
        qf.write("dest.txt", "old");
        assertThat(ops("copy_files", op("a.txt", "dest.txt", "conflict_strategy", "ignore")).text())
                .contains("(skipped: destination exists)");
        assertThat(qf.read("dest.txt")).isEqualTo("old");
        TextResult renamed = ops("copy_files", op("a.txt", "dest.txt", "conflict_strategy", "rename"));
        assertThat(renamed.text()).contains("a.txt -> dest_1.txt (file copied under a new name");
        assertThat(qf.read("dest.txt")).isEqualTo("old");
        assertThat(qf.read("dest_1.txt")).isEqualTo("new");
        ops("copy_files", op("a.txt", "dest.txt", "conflict_strategy", "rename"));
        assertThat(qf.read("dest_2.txt")).isEqualTo("new");
        assertThat(ops("copy_files", op("a.txt", "dest.txt")).text()).contains("(file copied, destination overwritten)");
        assertThat(qf.read("dest.txt")).isEqualTo("new");
        assertThat(ops("copy_files", op("a.txt", "dest.txt", "conflict_strategy", "merge")).text())
                .contains("conflict_strategy must be overwrite, ignore or rename");
    }

    @Test
    void movesFilesAndDirectories() throws Exception {
        qf.write("a.txt", "A");
        qf.write("d/x.txt", "X");
        TextResult r = ops("move_files", op("a.txt", "moved/"), op("d", "d2"), op("ghost.txt", "g2.txt"));
        assertThat(r.error()).isFalse();
        assertThat(r.text()).startsWith("## Operation: move\n").contains("- ✓ a.txt -> moved/a.txt (file moved)")
                .contains("- ✓ d -> d2 (file moved)").contains("- ✗ Error: 'ghost.txt' does not exist")
                .contains("- Succeeded: 2\n- Failed: 1");
        assertThat(qf.read("moved/a.txt")).isEqualTo("A");
        assertThat(qf.read("d2/x.txt")).isEqualTo("X");
        assertThat(dir.resolve("a.txt")).doesNotExist();
    }

    @Test
    void moveWithRenameNeverOverwrites() throws Exception {
        qf.write("a.txt", "new");
        qf.write("b.txt", "old");
        ops("move_files", op("a.txt", "b.txt", "conflict_strategy", "rename"));
        assertThat(qf.read("b.txt")).isEqualTo("old");
        assertThat(qf.read("b_1.txt")).isEqualTo("new");
        assertThat(dir.resolve("a.txt")).doesNotExist();
    }

    @Test
    void moveAcrossFileSystemsCopiesThenDeletes() throws Exception {
        Path shm = Path.of("/dev/shm");
        assumeThat(Files.isDirectory(shm) && Files.isWritable(shm)).as("/dev/shm is available").isTrue();
        assumeThat(Files.getFileStore(shm).equals(Files.getFileStore(dir))).as("/dev/shm is another file system")
                .isFalse();
        Path other = Files.createTempDirectory(shm, "qf-");
        try {
            QuickFilesFixture both = new QuickFilesFixture(dir, other.toString());
            both.write("a.txt", "cross");
            Files.writeString(other.resolve("exists.txt"), "old");
            both.write("b.txt", "over");
            TextResult r = both.call("move_files", Map.of("operations", List.of(op("a.txt", other + "/a.txt"),
                    op("b.txt", other + "/exists.txt"))));
            assertThat(r.error()).as(r.text()).isFalse();
            assertThat(Files.readString(other.resolve("a.txt"))).isEqualTo("cross");
            assertThat(Files.readString(other.resolve("exists.txt"))).isEqualTo("over");
            assertThat(dir.resolve("a.txt")).doesNotExist();
            assertThat(dir.resolve("b.txt")).doesNotExist();
        } finally {
            dev.mcpbridge.lib.files.SafeWrites.deleteTree(other);
        }
    }

    @Test
    void aGlobThatMatchesNothingAndMissingArguments() throws Exception {
        Files.createDirectory(dir.resolve("src"));
        assertThat(ops("copy_files", op("src/*.none", "out")).text()).contains("no file matches 'src/*.none'");
        TextResult r = qf.call("copy_files", Map.of("operations", List.of(Map.of("source", "x"))));
        assertThat(r.error()).isTrue();
        assertThat(r.text()).contains("each operation needs a source and a destination");
    }

    @Test
    void aCopiedTreeKeepsModesAndTimesAndLeavesItsLinksOutSayingSo() throws Exception {
        Path script = qf.write("tree/bin/run.sh", "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Files.setLastModifiedTime(script, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        qf.write("tree/data.txt", "data");
        Files.createSymbolicLink(dir.resolve("tree/bin/latest"), Path.of("run.sh"));
        TextResult r = ops("copy_files", op("tree", "copy"));
        assertThat(r.error()).isFalse();
        assertThat(r.text()).contains("tree -> copy (file copied; 1 symbolic link(s) inside were not copied");
        assertThat(qf.read("copy/data.txt")).isEqualTo("data");
        Path copied = dir.resolve("copy/bin/run.sh");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copied))).isEqualTo("rwxr-x---");
        assertThat(Files.getLastModifiedTime(copied).toMillis()).isEqualTo(1_000_000_000_000L);
        assertThat(dir.resolve("copy/bin/latest")).doesNotExist();
        assertThat(Files.isSymbolicLink(dir.resolve("tree/bin/latest"))).as("the source is untouched").isTrue();
    }

    @Test
    void aDirectoryIsNeverCopiedOrMovedIntoItself() throws Exception {
        qf.write("d/x.txt", "x");
        TextResult copy = ops("copy_files", op("d", "d/inner"));
        assertThat(copy.error()).isTrue();
        assertThat(copy.text()).contains("a directory cannot be copied into itself");
        TextResult move = ops("move_files", op("d", "d/inner/"));
        assertThat(move.text()).contains("a directory cannot be moved into itself");
        assertThat(dir.resolve("d/inner")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                p -> assertThat(p).isEmptyDirectory());
        assertThat(qf.read("d/x.txt")).isEqualTo("x");
    }
}
