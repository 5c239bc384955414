package dev.mcpbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's set-up, as a new user and an MCP client meet it: exactly two commands, and the first — build and
 * serve — run exactly as written by the official TypeScript client, which must get a working session (so the build
 * must not write a byte to stdout, as Debian's Maven does with its colour resets even under {@code -q}).
 */
class ReadmeSetUpIT {

    private static final Path PROJECT = ItEnv.targetDir().getParent();

    static List<String> setUpCommands() throws IOException {
        String readme = Files.readString(PROJECT.resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## Set up");
        int end = readme.indexOf("\n## ", start + 1);
        Matcher blocks = Pattern.compile("```bash\\n(.*?)\\n```", Pattern.DOTALL)
                .matcher(readme.substring(start, end));
        List<String> commands = new ArrayList<>();
        while (blocks.find()) {
            commands.add(blocks.group(1).strip());
        }
        return commands;
    }

    @Test
    void theSetUpHasTwoCommandsAndCiRunsTheSecond() throws Exception {
        List<String> commands = setUpCommands();
        assertThat(commands).hasSize(2);
        assertThat(commands.get(1)).isEqualTo("mvn -B verify");
        List<String> ci = Files.readAllLines(PROJECT.resolve(".ci/run"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(ci.get(ci.size() - 1)).isEqualTo(commands.get(1));
    }

    @Test
    void theBuildAndServeCommandWorksAsWrittenWhenAClientRunsIt(@TempDir Path copy) throws Exception {
        ItEnv.assumeJsDeps("@modelcontextprotocol/sdk");
        String command = setUpCommands().get(0);
        copyProject(copy);
        Path out = ItEnv.logDir().resolve("readme-setup.client.out");
        Path err = ItEnv.logDir().resolve("readme-setup.client.err");
        ProcessBuilder builder = new ProcessBuilder(ItEnv.node(), ItEnv.jsDir().resolve("client-check.mjs").toString(),
                "stdio", "sh", "-c", command).directory(copy.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        // The outer Maven's variables must not steer the build the command starts.
        env.keySet().removeIf(k -> k.startsWith("MAVEN_"));
        env.put("CLIENT_CHECK_TIMEOUT_MS", "420000");
        env.put("CLIENT_CHECK_DEADLINE_MS", "480000");
        Process process = builder.start();
        try {
            process.getOutputStream().close();
            assertThat(process.waitFor(540, TimeUnit.SECONDS)).as("client finished; stderr:%n%s", ItEnv.tail(err, 30))
                    .isTrue();
        } finally {
            ItEnv.stop(process);
        }
        JsonNode report = new ObjectMapper().readTree(Files.readString(out, StandardCharsets.UTF_8).strip());
        assertThat(report.path("transportErrors")).as("the client could not parse what the command wrote on stdout; "
                + "report %s; stderr:%n%s", report, ItEnv.tail(err, 30)).isEmpty();
        assertThat(report.at("/initialize/ok").asBoolean()).as("initialize; %s", report).isTrue();
        List<String> tools = new ArrayList<>();
        report.at("/toolsList/names").forEach(n -> tools.add(n.asText()));
        assertThat(tools).contains("read_text_file", "list_allowed_directories");
    }

    /**
     * The sources, and the classes already compiled from them (so the build in the copy is quick, but still the
     * whole {@code package} with its output): everything the command needs, nothing of another test's state.
     */
    private static void copyProject(Path copy) throws IOException {
        for (String part : new String[] {"pom.xml", "adapters", "routes", "src/main", "src/test/java",
            "src/test/resources", "target/classes", "target/test-classes", "target/maven-status"}) {
            Path from = PROJECT.resolve(part);
            if (!Files.exists(from)) {
                continue;
            }
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                    Files.createDirectories(copy.resolve(PROJECT.relativize(d)));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    Files.copy(f, copy.resolve(PROJECT.relativize(f)), StandardCopyOption.COPY_ATTRIBUTES);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
    }
}
