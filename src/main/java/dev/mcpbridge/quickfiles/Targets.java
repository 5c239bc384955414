package dev.mcpbridge.quickfiles;

import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.files.FileWalk;
import dev.mcpbridge.lib.files.Globs;
import dev.mcpbridge.lib.files.PathGuard;
import dev.mcpbridge.lib.files.PathGuard.Intent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The files a search or a replace works on: each path a file, or a directory walked (recursively or not) with the
 * file pattern; a file reached twice is taken once. A path that cannot be used is reported, not silently skipped.
 */
final class Targets {

    /** The files found, and one message per path that could not be used. */
    record Collected(List<FileWalk.Found> files, List<String> errors) {
    }

    private Targets() {
    }

    static Collected collect(List<String> paths, String filePattern, boolean recursive, PathGuard guard) {
        Globs pattern = Globs.parse("file_pattern", filePattern);
        List<FileWalk.Found> files = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (String shown : paths) {
            try {
                Path path = guard.resolve(shown, Intent.EXISTING);
                if (Files.isRegularFile(path)) {
                    if (seen.add(path)) {
                        files.add(new FileWalk.Found(path, shown));
                    }
                } else if (Files.isDirectory(path)) {
                    List<FileWalk.Found> found = FileWalk.files(path, shown, recursive ? Integer.MAX_VALUE - 1 : 0,
                            pattern, Globs.NONE, true, guard);
                    found.sort(Comparator.comparing(FileWalk.Found::shown));
                    for (FileWalk.Found f : found) {
                        if (seen.add(f.file())) {
                            files.add(f);
                        }
                    }
                } else {
                    errors.add("'" + shown + "' is neither a file nor a directory");
                }
            } catch (ToolException e) {
                errors.add(e.getMessage());
            } catch (IOException e) {
                errors.add("'" + shown + "' could not be walked (" + e.getClass().getSimpleName() + ")");
            }
        }
        return new Collected(files, errors);
    }
}
