package dev.mcpbridge.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every path stays in the notebook directory: '..', absolute paths and symbolic links out are refused. */
class PathEscapeTest {

    @TempDir
    Path tmp;

    @Test
    void relativePathsAreNormalised() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        NotebookPaths paths = new NotebookPaths(root);
        assertThat(paths.resolve("a/./b/../c.ipynb")).isEqualTo("a/c.ipynb");
        assertThat(paths.resolve(".")).isEmpty();
        assertThat(paths.resolve("a\\b.ipynb")).isEqualTo("a/b.ipynb");
        assertThat(paths.resolve(root.resolve("x/y.ipynb").toString())).isEqualTo("x/y.ipynb");
    }

    @Test
    void dotDotOutIsRefused() throws Exception {
        NotebookPaths paths = new NotebookPaths(Files.createDirectories(tmp.resolve("root")));
        assertThatThrownBy(() -> paths.resolve("../x.ipynb")).hasMessageContaining("outside the notebook directory");
        assertThatThrownBy(() -> paths.resolve("a/../../x.ipynb")).hasMessageContaining("outside the notebook directory");
        assertThatThrownBy(() -> paths.resolve("..\\..\\x.ipynb")).hasMessageContaining("outside the notebook directory");
    }

    @Test
    void absolutePathsOutsideAreRefused() throws Exception {
        NotebookPaths paths = new NotebookPaths(Files.createDirectories(tmp.resolve("root")));
        assertThatThrownBy(() -> paths.resolve("/etc/passwd")).hasMessageContaining("outside the notebook directory");
        assertThatThrownBy(() -> paths.resolve(tmp.resolve("rootsibling/x.ipynb").toString()))
                .hasMessageContaining("outside the notebook directory");
        assertThatThrownBy(() -> paths.resolve("C:/Windows/x.ipynb")).hasMessageContaining("outside the notebook directory");
        assertThatThrownBy(() -> paths.resolve("a\0b")).hasMessageContaining("NUL");
    }

    @Test
    void symbolicLinksOutAreRefused() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.ipynb"), "{}");
        Files.createSymbolicLink(root.resolve("out"), outside);
        Files.createSymbolicLink(root.resolve("file.ipynb"), outside.resolve("secret.ipynb"));
        Files.createSymbolicLink(root.resolve("dangling.ipynb"), outside.resolve("nothing.ipynb"));
        Files.createDirectories(root.resolve("in"));
        Files.createSymbolicLink(root.resolve("inside"), root.resolve("in"));
        NotebookPaths paths = new NotebookPaths(root);
        assertThatThrownBy(() -> paths.resolve("out/secret.ipynb")).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> paths.resolve("out/new.ipynb")).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> paths.resolve("file.ipynb")).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> paths.resolve("dangling.ipynb")).hasMessageContaining("symbolic link to nothing");
        assertThat(paths.resolve("inside/ok.ipynb")).isEqualTo("inside/ok.ipynb");
    }

    @Test
    void withoutALocalDirectoryAbsolutePathsAreRefusedAndDotDotStillChecked() {
        NotebookPaths paths = new NotebookPaths(null);
        assertThat(paths.resolve("a/b.ipynb")).isEqualTo("a/b.ipynb");
        assertThatThrownBy(() -> paths.resolve("/abs.ipynb")).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> paths.resolve("../x.ipynb")).hasMessageContaining("outside");
    }

    @Test
    void theToolsRefuseEscapesThroughTheServerToo() throws Exception {
        Path dir = SharedJupyter.folder("escapes");
        Path outside = Files.createTempDirectory("jupyter-outside");
        Files.writeString(outside.resolve("secret.ipynb"), "{\"nbformat\": 4, \"nbformat_minor\": 4, \"metadata\": {}, \"cells\": []}");
        Files.createSymbolicLink(dir.resolve("link"), outside);
        try (JupyterServers servers = SharedJupyter.servers(dir, 5)) {
            NotebookTools tools = new NotebookTools(servers);
            assertThatThrownBy(() -> tools.readNotebook(new NotebookTools.PathArgs("escapes/link/secret.ipynb")))
                    .hasMessageContaining("symbolic link");
            assertThatThrownBy(() -> tools.createNotebook(new NotebookTools.CreateArgs("escapes/link/new.ipynb", null)))
                    .hasMessageContaining("symbolic link");
            assertThatThrownBy(() -> tools.readNotebook(new NotebookTools.PathArgs("../../etc/x.ipynb")))
                    .hasMessageContaining("outside");
            assertThat(outside.resolve("new.ipynb")).doesNotExist();
        }
    }
}
