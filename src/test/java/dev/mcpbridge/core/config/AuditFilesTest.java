package dev.mcpbridge.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditFilesTest {

    @TempDir
    Path dir;

    @Test
    void noneOrBlankIsNoFileAndTildeIsTheHome() {
        assertThat(AuditFiles.path("none")).isNull();
        assertThat(AuditFiles.path(" NONE ")).isNull();
        assertThat(AuditFiles.path("")).isNull();
        assertThat(AuditFiles.path("~/logs/a.jsonl"))
                .isEqualTo(Path.of(dev.mcpbridge.core.spi.HomePaths.home(), "logs", "a.jsonl"));
    }

    @Test
    void aFileInAFolderStillToBeMadeIsFineADirectoryIsNot() throws Exception {
        assertThat(AuditFiles.problem(dir.resolve("new/sub/audit.jsonl").toString())).isNull();
        assertThat(AuditFiles.problem(dir.toString())).contains("is a directory");
        Path locked = Files.createDirectory(dir.resolve("locked"));
        locked.toFile().setWritable(false);
        try {
            if (!Files.isWritable(locked)) {
                // root may write anywhere: then the check has nothing to refuse
                assertThat(AuditFiles.problem(locked.resolve("a.jsonl").toString())).contains("cannot create");
            }
        } finally {
            locked.toFile().setWritable(true);
        }
    }
}
