package dev.mcpbridge.quickfiles;

import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.files.FileBytes;
import dev.mcpbridge.lib.files.FileWalk;
import dev.mcpbridge.lib.files.HeldDirectories;
import dev.mcpbridge.lib.files.LiteralPrefilter;
import dev.mcpbridge.lib.files.PathGuard;
import dev.mcpbridge.lib.files.SearchPattern;
import dev.mcpbridge.lib.files.UnifiedDiff;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * search_and_replace: one search and replacement over files and directories ({@code paths}), or a search and
 * replacement per file ({@code files}). Each file is rewritten atomically and only when it changes; a preview
 * returns the unified diff of each file and writes nothing. An empty replacement deletes the matches.
 */
final class BatchReplace {

    /** A file with its own search and replacement. */
    record FileReplace(String path, String search, String replace, Integer expectedReplacements) {
    }

    record Options(boolean regex, boolean caseSensitive, boolean preview, String filePattern, boolean recursive) {
    }

    /** What to do to one file. */
    private record Job(FileWalk.Found file, SearchPattern pattern, JsReplacement replacement, Integer expected) {
    }

    /**
     * The most characters of diff a preview answers with, over all its files: beyond it a file's diff is left out
     * and its count still given (the bound a read has by default, max_total_chars).
     */
    static final int PREVIEW_CHARS = 400_000;

    /** One file's outcome: replacements made (or that would be), a diff for a preview, or a reason. */
    private record Outcome(String shown, int count, String diff, String skipped, String error) {
    }

    record Report(String text, boolean allFailed) {
    }

    private BatchReplace() {
    }

    static Report run(String search, String replace, List<String> paths, List<FileReplace> files, Options options,
            Rewrites rewrites, PathGuard guard, ToolCallContext ctx) {
        if (replace == null) {
            throw new ToolException("replace is required (give \"\" to delete what the search matches)");
        }
        boolean hasPaths = paths != null && !paths.isEmpty();
        boolean hasFiles = files != null && !files.isEmpty();
        if (!hasPaths && !hasFiles) {
            throw new ToolException("give the files to change: paths (files or directories) or files "
                    + "([{path, search, replace}])");
        }
        List<Job> jobs = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        if (hasPaths) {
            SearchPattern pattern = SearchPattern.compile(search, options.regex(), options.caseSensitive(), "search");
            JsReplacement template = TextReplace.template(replace, pattern);
            Targets.Collected targets = Targets.collect(paths, options.filePattern(), options.recursive(), guard);
            for (String error : targets.errors()) {
                outcomes.add(new Outcome(null, 0, null, null, error));
            }
            for (FileWalk.Found f : targets.files()) {
                jobs.add(new Job(f, pattern, template, null));
            }
        }
        if (hasFiles) {
            for (FileReplace f : files) {
                try {
                    if (f.replace() == null) {
                        throw new ToolException("'" + f.path() + "': replace is required (\"\" deletes)");
                    }
                    SearchPattern pattern = SearchPattern.compile(f.search(), options.regex(), options.caseSensitive(),
                            "search for '" + f.path() + "'");
                    jobs.add(new Job(new FileWalk.Found(rewrites.existingFile(f.path(), guard), f.path()), pattern,
                            TextReplace.template(f.replace(), pattern), f.expectedReplacements()));
                } catch (ToolException e) {
                    outcomes.add(new Outcome(f.path(), 0, null, null, e.getMessage()));
                }
            }
        }
        if (ctx != null && ctx.cancelled()) {
            throw new ToolException("search_and_replace cancelled before any file was changed");
        }
        // Each file is read and rewritten relative to its directory, held once for the whole call.
        BooleanSupplier stop = QuickFilesTools.stopped(ctx);
        AtomicLong previewRoom = new AtomicLong(PREVIEW_CHARS);
        try (HeldDirectories held = HeldDirectories.of(guard)) {
            outcomes.addAll(jobs.parallelStream().map(job -> replaceIn(job, options.preview() ? previewRoom : null,
                    rewrites, guard, held, stop)).toList());
        }
        return format(outcomes, options.preview());
    }

    /** @param previewRoom the diff characters a preview may still answer with; null when this is no preview */
    private static Outcome replaceIn(Job job, AtomicLong previewRoom, Rewrites rewrites, PathGuard guard,
            HeldDirectories held, BooleanSupplier stop) {
        boolean preview = previewRoom != null;
        String shown = job.file().shown();
        LiteralPrefilter prefilter = LiteralPrefilter.of(job.pattern());
        try {
            if (prefilter != null && job.expected() == null && !mayMatch(job, prefilter, guard, held)) {
                return new Outcome(shown, 0, null, null, null);
            }
            int[] count = {0};
            Rewrites.Change change = rewrites.rewrite(job.file().file(), shown, guard, held, true, !preview, text -> {
                TextReplace.Outcome o = TextReplace.replaceAll(text, job.pattern(), job.replacement(),
                        rewrites.maxChars(), stop);
                if (job.expected() != null && job.expected() != o.count()) {
                    throw new ToolException("expected " + job.expected() + " replacement(s) but the search matches "
                            + o.count() + " time(s); file left unchanged");
                }
                count[0] = o.count();
                return o.text();
            });
            if (change.skipped() != null) {
                return new Outcome(shown, 0, null, change.skipped(), null);
            }
            if (!change.changed()) {
                return new Outcome(shown, 0, null, null, null);
            }
            return new Outcome(shown, count[0], preview ? previewDiff(shown, change, previewRoom) : null, null, null);
        } catch (ToolException e) {
            return new Outcome(shown, 0, null, null, e.getMessage());
        } catch (IOException e) {
            return new Outcome(shown, 0, null, null, "could not be read or written (" + FileBytes.reason(e)
                    + "); file left unchanged");
        }
    }

    /** The file's diff while the preview has room for it, else a note that it was left out. */
    private static String previewDiff(String shown, Rewrites.Change change, AtomicLong room) {
        // Two texts whose lengths differ by more than the room cannot have a diff that fits.
        if (Math.abs((long) change.after().length() - change.before().length()) <= room.get()) {
            String diff = UnifiedDiff.of("a/" + shown, "b/" + shown, change.before(), change.after(), 3);
            if (room.addAndGet(-diff.length()) >= 0) {
                return diff;
            }
        }
        return "(diff left out: the preview's answer is limited to " + PREVIEW_CHARS + " characters of diff)\n";
    }

    private static boolean mayMatch(Job job, LiteralPrefilter prefilter, PathGuard guard, HeldDirectories held)
            throws IOException {
        // A large file is left to the rewrite, which reports it as skipped.
        FileBytes.Loaded loaded = FileBytes.read(guard, held, job.file().file(), 64L << 20);
        return loaded.tooLarge() || prefilter.mayMatch(loaded.bytes());
    }

    private static Report format(List<Outcome> outcomes, boolean preview) {
        int total = 0;
        int changed = 0;
        int failed = 0;
        StringBuilder items = new StringBuilder();
        StringBuilder diffs = new StringBuilder();
        for (Outcome o : outcomes) {
            String name = o.shown() == null ? "" : o.shown() + ": ";
            if (o.error() != null) {
                failed++;
                items.append("- ✗ ").append(name).append("ERROR: ").append(o.error()).append('\n');
            } else if (o.skipped() != null) {
                items.append("- ").append(name).append("skipped (").append(o.skipped()).append(")\n");
            } else if (o.count() > 0) {
                total += o.count();
                changed++;
                items.append("- ✓ ").append(name).append(o.count()).append(" replacement(s)\n");
                if (o.diff() != null) {
                    diffs.append("```diff\n").append(o.diff()).append("```\n\n");
                }
            }
        }
        StringBuilder out = new StringBuilder(preview ? "# Preview of changes (nothing written)\n\n"
                : "# Changes made\n\n");
        out.append("Total replacements: ").append(total).append(" in ").append(changed).append(" file(s)");
        out.append(preview ? " (would be made)" : "").append("\n\n").append(items);
        if (diffs.length() > 0) {
            out.append('\n').append(diffs);
        }
        return new Report(out.toString(), failed > 0 && failed == outcomes.size());
    }
}
