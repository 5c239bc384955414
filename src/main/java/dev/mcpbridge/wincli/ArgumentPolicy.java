package dev.mcpbridge.wincli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a command does with its arguments, beyond its name: the arguments that turn a common tool into an executor
 * (it runs a command or code it was given) or a writer of arbitrary files — in the spirit of the GTFOBins list — and
 * the bash builtins whose operands reach the shell's arithmetic or variable-name evaluation (an array subscript such
 * as {@code a[$(cmd)]} is evaluated, command substitution included, by {@code printf -v}, {@code test -v},
 * {@code let}, {@code declare}...). These hold in both policies and whatever the injection protection: an allowed
 * command is still refused with the arguments that would make it run something no check has seen.
 *
 * <p>Long options are matched by prefix, as GNU getopt and git accept unambiguous abbreviations
 * ({@code --checkpoint-a=exec=...}); short options are matched inside bundles ({@code -xIcmd}). Where a tool's own
 * language can run commands (sed, awk), its program is scanned; what the scanner does not understand is refused.
 */
final class ArgumentPolicy {

    private ArgumentPolicy() {
    }

    /** bash builtins that assign, evaluate or re-bind shell state: their operands are names or arithmetic. */
    static final Set<String> EVALUATING_BUILTINS = Set.of("let", "declare", "typeset", "local", "readonly", "export",
            "unset", "read", "mapfile", "readarray", "getopts", "set", "shopt", "hash", "enable", "fc", "bind",
            "complete", "compgen", "compopt", "unalias");

    /** Commands that delete or overwrite files whatever their arguments (the blocklist refuses them all). */
    static final Set<String> DESTRUCTIVE = Set.of("rm", "rmdir", "unlink", "shred", "truncate", "wipe", "srm",
            "install", "tee", "sponge", "rsync", "del", "erase", "rd", "remove-item", "clear-content", "set-content",
            "add-content", "out-file", "copy-item", "copy", "xcopy", "robocopy", "replace", "move");

    /**
     * Why this command with these arguments is refused, or null.
     *
     * @param name the command's canonical name
     * @param blocklist the blocklist policy is in force: commands that destroy files are refused too
     */
    static String reason(String name, List<String> args, Dialect dialect, boolean blocklist) {
        if (dialect == Dialect.BASH || dialect == Dialect.SH) {
            String r = evaluation(name, args);
            if (r != null) {
                return r;
            }
        }
        String r = switch (name) {
            case "git" -> git(args);
            case "tar", "gtar", "bsdtar" -> tar(args);
            case "sed", "gsed" -> SedScripts.check(args);
            case "awk", "gawk", "mawk", "nawk", "busybox-awk" -> AwkPrograms.check(args);
            case "find", "gfind" -> find(args);
            case "make", "gmake" -> make(args);
            case "sort" -> longOptions(args, "sort", Set.of("compress-program", "output"), "o")
                    .orElse(null);
            case "split" -> longOptions(args, "split", Set.of("filter"), "").orElse(null);
            case "uniq" -> operands(args).size() > 1 ? "'uniq' with a second file name writes to it" : null;
            case "dd" -> args.stream().anyMatch(a -> a.startsWith("of=")) ? "'dd of=' writes a file" : null;
            case "man" -> longOptions(args, "man", Set.of("pager", "html", "browser", "preprocessor"), "PHp")
                    .orElse(null);
            case "less", "more", "most" -> args.stream().anyMatch(a -> a.startsWith("+"))
                    ? "'" + name + " +cmd' runs a pager command" : longOptions(args, name,
                            Set.of("log-file", "LOG-FILE"), "oO").orElse(null);
            case "ssh" -> longOptions(args, name, Set.of(), "oF").orElse(null);
            case "scp" -> longOptions(args, name, Set.of(), "oFS").orElse(null);
            case "sftp" -> longOptions(args, name, Set.of(), "oFSD").orElse(null);
            case "rsync" -> longOptions(args, "rsync", Set.of("rsh", "rsync-path", "config"), "e").orElse(null);
            case "zip" -> args.stream().anyMatch(a -> a.equals("-TT") || a.startsWith("--unzip-command")
                    || (a.startsWith("-") && !a.startsWith("--") && a.contains("TT")))
                    ? "'zip -TT/--unzip-command' runs a command" : null;
            case "cp", "mv", "ln" -> blocklist ? overwrite(name, args) : null;
            default -> null;
        };
        if (r != null) {
            return r;
        }
        if (blocklist && DESTRUCTIVE.contains(name)) {
            return "'" + name + "' deletes or overwrites files, which the blocklist policy never allows";
        }
        return null;
    }

    // ---- bash's arithmetic and variable-name evaluation

    private static String evaluation(String name, List<String> args) {
        if (EVALUATING_BUILTINS.contains(name)) {
            return "'" + name + "' is a bash builtin that assigns or evaluates shell variables (array subscripts "
                    + "in its operands are evaluated, command substitutions included)";
        }
        switch (name) {
            case "printf" -> {
                for (String a : args) {
                    if (a.equals("--") || !a.startsWith("-") || a.length() == 1) {
                        break;
                    }
                    if (a.startsWith("-v")) {
                        return "'printf -v' assigns to a variable name, whose array subscript bash evaluates";
                    }
                }
            }
            case "test", "[" -> {
                for (String a : args) {
                    if (a.equals("-v") || a.equals("-R")) {
                        return "'" + name + " " + a + "' evaluates a variable name, whose array subscript bash "
                                + "evaluates";
                    }
                }
            }
            case "wait" -> {
                for (String a : args) {
                    if (a.startsWith("-") && a.indexOf('p') > 0) {
                        return "'wait -p' assigns to a variable name, whose array subscript bash evaluates";
                    }
                }
            }
            default -> {
                return null;
            }
        }
        return null;
    }

    // ---- tools

    private static final Set<String> GIT_GLOBAL_REFUSED = Set.of("config-env", "exec-path=", "git-dir", "work-tree",
            "super-prefix", "namespace");
    private static final Set<String> GIT_SUBCOMMANDS_REFUSED = Set.of("submodule", "bisect", "filter-branch",
            "filter-repo", "difftool", "mergetool", "daemon", "instaweb", "web--browse", "credential",
            "credential-store", "credential-cache", "upload-pack", "receive-pack", "upload-archive", "shell",
            "remote-ext", "remote-fd", "hook", "send-email", "imap-send", "cvsserver", "cvsimport", "archimport",
            "svn", "p4", "quiltimport", "fsmonitor--daemon", "run-command", "sh-setup", "worktree");
    /** Subcommand options that run a program or write where they are told. */
    private static final Set<String> GIT_OPTIONS_REFUSED = Set.of("upload-pack", "receive-pack", "exec", "output",
            "open-files-in-pager", "extcmd", "template", "config", "ext-diff", "textconv", "tool", "remote",
            "separate-git-dir", "git-dir", "work-tree");

    private static String git(List<String> args) {
        int k = 0;
        while (k < args.size() && args.get(k).startsWith("-")) {
            String a = args.get(k);
            if (a.startsWith("-c") || a.equals("-C")) {
                return "'git " + a + "' sets configuration or a directory for the command (an alias, a pager or a "
                        + "hook path runs a program)";
            }
            if (a.startsWith("--")) {
                String opt = a.substring(2).toLowerCase(Locale.ROOT);
                for (String refused : GIT_GLOBAL_REFUSED) {
                    if (opt.startsWith(refused) || (!opt.isEmpty() && refused.startsWith(opt) && opt.length() >= 3)) {
                        return "'git " + a + "' changes where git finds its programs or repository";
                    }
                }
            }
            k++;
        }
        if (k >= args.size()) {
            return null;
        }
        String sub = args.get(k).toLowerCase(Locale.ROOT);
        List<String> rest = args.subList(k + 1, args.size());
        if (GIT_SUBCOMMANDS_REFUSED.contains(sub)) {
            return "'git " + sub + "' runs programs or writes outside the working tree";
        }
        if (sub.equals("help") && rest.stream().anyMatch(a -> a.startsWith("-w") || a.startsWith("-i")
                || a.startsWith("-m") || a.startsWith("--w") || a.startsWith("--i") || a.startsWith("--m"))) {
            return "'git help' with a viewer runs a program";
        }
        if (sub.equals("config")) {
            boolean reads = rest.stream().anyMatch(a -> a.startsWith("--get") || a.equals("--list") || a.equals("-l"))
                    || (!rest.isEmpty() && (rest.get(0).equals("get") || rest.get(0).equals("list")));
            boolean writes = rest.stream().anyMatch(a -> a.equals("-e") || a.startsWith("--edit") || a.startsWith("--add")
                    || a.startsWith("--unset") || a.startsWith("--replace") || a.startsWith("--rename")
                    || a.startsWith("--remove") || a.equals("set") || a.equals("unset") || a.equals("edit")
                    || a.equals("rename-section") || a.equals("remove-section"));
            if (!reads || writes) {
                return "'git config' may only read configuration (--get, --list): written configuration can run "
                        + "programs (aliases, pagers, hooks, fsmonitor)";
            }
        }
        for (String a : rest) {
            if (a.equals("--")) {
                break;
            }
            String lower = a.toLowerCase(Locale.ROOT);
            if (lower.startsWith("ext::") || lower.startsWith("fd::")) {
                return "the git transport '" + a + "' runs a command";
            }
            if (a.startsWith("--")) {
                String opt = a.substring(2);
                int eq = opt.indexOf('=');
                String optName = (eq >= 0 ? opt.substring(0, eq) : opt).toLowerCase(Locale.ROOT);
                for (String refused : GIT_OPTIONS_REFUSED) {
                    if (optName.length() >= 2 && refused.startsWith(optName)) {
                        return "'git " + sub + " --" + optName + "' runs a program or writes where it is told";
                    }
                }
            } else if (a.startsWith("-") && a.length() > 1) {
                String cluster = a.substring(1);
                if ((sub.equals("rebase") && cluster.indexOf('x') >= 0)
                        || (sub.equals("grep") && cluster.indexOf('O') >= 0)
                        || (sub.equals("archive") && (cluster.indexOf('o') >= 0))
                        || (sub.equals("format-patch") && cluster.indexOf('o') >= 0)
                        || ((sub.equals("clone") || sub.equals("fetch") || sub.equals("pull") || sub.equals("ls-remote")
                                || sub.equals("archive")) && (cluster.indexOf('u') >= 0 || cluster.indexOf('c') >= 0))) {
                    return "'git " + sub + " " + a + "' runs a program or writes where it is told";
                }
            }
        }
        return null;
    }

    private static final Set<String> TAR_REFUSED = Set.of("checkpoint-action", "use-compress-program", "to-command",
            "info-script", "new-volume-script", "rsh-command", "rmt-command", "absolute-names", "index-file");

    private static String tar(List<String> args) {
        for (int k = 0; k < args.size(); k++) {
            String a = args.get(k);
            if (a.equals("--")) {
                break;
            }
            if (a.startsWith("--")) {
                String opt = a.substring(2);
                int eq = opt.indexOf('=');
                String optName = eq >= 0 ? opt.substring(0, eq) : opt;
                for (String refused : TAR_REFUSED) {
                    if (optName.length() >= 2 && refused.startsWith(optName)) {
                        return "'tar --" + refused + "' runs a command or writes outside the archive's directory";
                    }
                }
                if ("file".startsWith(optName) && optName.length() >= 2) {
                    String value = eq >= 0 ? opt.substring(eq + 1) : k + 1 < args.size() ? args.get(k + 1) : "";
                    if (remoteArchive(value)) {
                        return "'tar --file host:path' runs a remote shell command";
                    }
                }
            } else if ((a.startsWith("-") && a.length() > 1) || k == 0) {
                // A bundle of short options; tar also reads its first argument as one without the dash.
                String cluster = a.startsWith("-") ? a.substring(1) : a;
                if (cluster.indexOf('I') >= 0 || cluster.indexOf('F') >= 0 || cluster.indexOf('P') >= 0) {
                    return "'tar " + a + "' (-I, -F or -P) runs a program or writes outside the archive's directory";
                }
                int f = cluster.indexOf('f');
                if (f >= 0) {
                    String value = f + 1 < cluster.length() ? cluster.substring(f + 1)
                            : k + 1 < args.size() ? args.get(k + 1) : "";
                    if (remoteArchive(value)) {
                        return "'tar -f host:path' runs a remote shell command";
                    }
                }
            }
        }
        return null;
    }

    /** tar reads {@code host:path} as an archive on another machine, reached with rsh/ssh. */
    private static boolean remoteArchive(String file) {
        int colon = file.indexOf(':');
        int slash = file.indexOf('/');
        return colon > 0 && (slash < 0 || colon < slash);
    }

    private static final Set<String> FIND_REFUSED = Set.of("-exec", "-execdir", "-ok", "-okdir", "-delete", "-fprint",
            "-fprint0", "-fprintf", "-fls");

    private static String find(List<String> args) {
        for (String a : args) {
            String arg = CommandNames.normalize(a);
            if (FIND_REFUSED.contains(arg)) {
                return "'find " + a + "' " + (arg.startsWith("-f") ? "writes a file"
                        : arg.equals("-delete") ? "deletes files" : "runs another command");
            }
        }
        return null;
    }

    private static String make(List<String> args) {
        for (String a : args) {
            if (a.equals("--")) {
                break;
            }
            if (a.startsWith("--")) {
                String opt = a.substring(2);
                int eq = opt.indexOf('=');
                String optName = eq >= 0 ? opt.substring(0, eq) : opt;
                for (String refused : List.of("eval", "file", "makefile", "directory", "include-dir")) {
                    if (!optName.isEmpty() && refused.startsWith(optName)) {
                        return "'make --" + refused + "' runs or reads make code the check cannot see";
                    }
                }
            } else if (a.startsWith("-") && a.length() > 1) {
                for (char c : a.substring(1).toCharArray()) {
                    if (Character.isDigit(c)) {
                        break;
                    }
                    if ("fECI".indexOf(c) >= 0) {
                        return "'make -" + c + "' runs or reads make code the check cannot see";
                    }
                }
            } else if (a.indexOf('=') > 0) {
                return "'make " + a + "': a variable set on the command line (SHELL, CC, $(shell ...)) can run any "
                        + "command";
            }
        }
        return null;
    }

    /** cp/mv/ln under the blocklist: only when told never to replace an existing file. */
    private static String overwrite(String name, List<String> args) {
        boolean noClobber = false;
        for (String a : args) {
            if (a.equals("--")) {
                break;
            }
            String l = a.toLowerCase(Locale.ROOT);
            if (l.startsWith("--no-c") || l.equals("--update=none")) {
                noClobber = true;
            } else if (l.startsWith("--f") || l.startsWith("--remove-d")) {
                return "'" + name + " " + a + "' replaces existing files, which the blocklist policy never allows";
            } else if (a.startsWith("-") && !a.startsWith("--") && a.length() > 1) {
                if (a.indexOf('f') > 0) {
                    return "'" + name + " " + a + "' replaces existing files, which the blocklist policy never allows";
                }
                if (a.indexOf('n') > 0) {
                    noClobber = true;
                }
            }
        }
        if (name.equals("ln") || noClobber) {
            return null;
        }
        return "'" + name + "' replaces an existing file without -n (--no-clobber), which the blocklist policy "
                + "never allows";
    }

    /**
     * Long options refused by prefix, and short option letters refused inside bundles.
     *
     * @param shortLetters case-sensitive letters
     */
    private static java.util.Optional<String> longOptions(List<String> args, String name, Set<String> longNames,
            String shortLetters) {
        for (String a : args) {
            if (a.equals("--")) {
                break;
            }
            if (a.startsWith("--")) {
                String opt = a.substring(2);
                int eq = opt.indexOf('=');
                String optName = eq >= 0 ? opt.substring(0, eq) : opt;
                for (String refused : longNames) {
                    if (optName.length() >= 2 && refused.startsWith(optName)) {
                        return java.util.Optional.of("'" + name + " --" + refused + "' runs a program or writes "
                                + "where it is told");
                    }
                }
            } else if (a.startsWith("-") && a.length() > 1) {
                for (char c : a.substring(1).toCharArray()) {
                    if (shortLetters.indexOf(c) >= 0) {
                        return java.util.Optional.of("'" + name + " -" + c + "' runs a program or writes where it "
                                + "is told");
                    }
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static List<String> operands(List<String> args) {
        List<String> out = new ArrayList<>();
        boolean options = true;
        for (String a : args) {
            if (options && a.equals("--")) {
                options = false;
            } else if (options && a.startsWith("-") && a.length() > 1) {
                continue;
            } else {
                out.add(a);
            }
        }
        return out;
    }
}
