package dev.mcpbridge.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.lib.files.Fifos;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A FIFO where a file is read: refused without being opened (an open would block until a writer comes). */
class FilesystemSpecialFilesTest {

    @TempDir
    Path tmp;
    Path root;
    Path fifo;
    FsBridge fs;

    @BeforeEach
    void start() throws Exception {
        root = tmp.toRealPath();
        fifo = Fifos.make(root.resolve("pipe.txt"));
        fs = FsBridge.start(Map.of("directories", root.toString()));
    }

    @AfterEach
    void stop() {
        fs.close();
    }

    @Test
    void readTextFileRefusesAFifo() throws Exception {
        String error = Fifos.answers(fifo, () -> fs.error("read_text_file", Map.of("path", fifo.toString())));
        assertThat(error).contains("is a special file (FIFO, socket or device), not a regular file; it is not opened");
    }

    @Test
    void readMediaAndMultipleFilesRefuseAFifo() throws Exception {
        assertThat(Fifos.answers(fifo, () -> fs.error("read_media_file", Map.of("path", fifo.toString()))))
                .contains("special file");
        assertThat(Fifos.answers(fifo, () -> fs.ok("read_multiple_files", Map.of("paths",
                List.of(fifo.toString()))))).contains("special file");
    }
}
