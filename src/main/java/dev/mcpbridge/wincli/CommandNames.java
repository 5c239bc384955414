package dev.mcpbridge.wincli;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How a command name is compared with the allowed and blocked lists: Unicode-normalised (NFKC, typographic dashes
 * as '-'), case-insensitive, without its directory, trailing dots and spaces, or executable extension; PowerShell
 * aliases are resolved to their cmdlets (blocking Remove-Item blocks rm, del, erase, rd, ri and rmdir), a
 * module-qualified name to its cmdlet, and a bare noun to its implicit Get- cmdlet.
 */
public final class CommandNames {

    private CommandNames() {
    }

    private static final List<String> EXTENSIONS = List.of(".exe", ".com", ".bat", ".cmd", ".ps1", ".psm1", ".psd1",
            ".vbs", ".vbe", ".js", ".jse", ".wsf", ".wsh", ".msc", ".cpl", ".scr", ".pif", ".msi", ".sh");

    /** Windows PowerShell 5.1's built-in aliases (PowerShell 7 has most of them). */
    static final Map<String, String> POWERSHELL_ALIASES = aliases("""
            % ForEach-Object; ? Where-Object; ac Add-Content; asnp Add-PSSnapin; cat Get-Content; cd Set-Location;
            cfs ConvertFrom-String; chdir Set-Location; clc Clear-Content; clear Clear-Host; clhy Clear-History;
            cli Clear-Item; clp Clear-ItemProperty; cls Clear-Host; clv Clear-Variable; cnsn Connect-PSSession;
            compare Compare-Object; copy Copy-Item; cp Copy-Item; cpi Copy-Item; cpp Copy-ItemProperty;
            curl Invoke-WebRequest; cvpa Convert-Path; dbp Disable-PSBreakpoint; del Remove-Item; diff Compare-Object;
            dir Get-ChildItem; dnsn Disconnect-PSSession; ebp Enable-PSBreakpoint; echo Write-Output; epal Export-Alias;
            epcsv Export-Csv; epsn Export-PSSession; erase Remove-Item; etsn Enter-PSSession; exsn Exit-PSSession;
            fc Format-Custom; fhx Format-Hex; fl Format-List; foreach ForEach-Object; ft Format-Table; fw Format-Wide;
            gal Get-Alias; gbp Get-PSBreakpoint; gc Get-Content; gcb Get-Clipboard; gci Get-ChildItem; gcm Get-Command;
            gcs Get-PSCallStack; gdr Get-PSDrive; ghy Get-History; gi Get-Item; gin Get-ComputerInfo; gjb Get-Job;
            gl Get-Location; gm Get-Member; gmo Get-Module; gp Get-ItemProperty; gpv Get-ItemPropertyValue;
            gps Get-Process; group Group-Object; gsn Get-PSSession; gsnp Get-PSSnapin; gsv Get-Service;
            gtz Get-TimeZone; gu Get-Unique; gv Get-Variable; gwmi Get-WmiObject; h Get-History; history Get-History;
            icm Invoke-Command; iex Invoke-Expression; ihy Invoke-History; ii Invoke-Item; ipal Import-Alias;
            ipcsv Import-Csv; ipmo Import-Module; ipsn Import-PSSession; irm Invoke-RestMethod; ise powershell_ise;
            iwmi Invoke-WmiMethod; iwr Invoke-WebRequest; kill Stop-Process; lp Out-Printer; ls Get-ChildItem;
            man help; md mkdir; measure Measure-Object; mi Move-Item; mount New-PSDrive; move Move-Item;
            mp Move-ItemProperty; mv Move-Item; nal New-Alias; ndr New-PSDrive; ni New-Item; nmo New-Module;
            nsn New-PSSession; nv New-Variable; ogv Out-GridView; oh Out-Host; popd Pop-Location; ps Get-Process;
            pushd Push-Location; pwd Get-Location; r Invoke-History; rbp Remove-PSBreakpoint; rcjb Receive-Job;
            rcsn Receive-PSSession; rd Remove-Item; rdr Remove-PSDrive; ren Rename-Item; ri Remove-Item;
            rjb Remove-Job; rm Remove-Item; rmdir Remove-Item; rmo Remove-Module; rni Rename-Item;
            rnp Rename-ItemProperty; rp Remove-ItemProperty; rsn Remove-PSSession; rsnp Remove-PSSnapin;
            rujb Resume-Job; rv Remove-Variable; rvpa Resolve-Path; rwmi Remove-WmiObject; sajb Start-Job;
            sal Set-Alias; saps Start-Process; sasv Start-Service; sbp Set-PSBreakpoint; sc Set-Content;
            scb Set-Clipboard; select Select-Object; set Set-Variable; shcm Show-Command; si Set-Item;
            sl Set-Location; sleep Start-Sleep; sls Select-String; sort Sort-Object; sp Set-ItemProperty;
            spjb Stop-Job; spps Stop-Process; spsv Stop-Service; start Start-Process; stz Set-TimeZone;
            sujb Suspend-Job; sv Set-Variable; swmi Set-WmiInstance; tee Tee-Object; trcm Trace-Command;
            type Get-Content; wget Invoke-WebRequest; where Where-Object; wjb Wait-Job; write Write-Output""");

    /** Shells: starting one with a command string would run text no check has seen. */
    static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "rbash", "fish",
            "csh", "tcsh", "busybox", "cmd", "powershell", "pwsh", "powershell_ise", "wsl", "git-bash");

    /** Commands that run another command (or code) taken from their arguments, by dialect-independent name. */
    static final Set<String> RUNNERS = Set.of("eval", "exec", "source", ".", "builtin", "xargs", "nohup", "nice",
            "timeout", "setsid", "stdbuf", "chroot", "watch", "trap", "command", "conhost", "sudo", "doas", "su", "runuser", "pkexec",
            "unshare", "nsenter", "flock", "ionice", "taskset", "script", "strace", "ltrace", "parallel", "time",
            "coproc", "alias", "call", "start", "for", "if", "forfiles", "runas",
            "invoke-expression", "invoke-command", "start-process", "start-job", "start-threadjob", "invoke-item",
            "invoke-history", "add-type", "set-alias", "new-alias", "import-alias", "register-objectevent",
            "register-engineevent", "register-scheduledjob", "invoke-wmimethod", "invoke-cimmethod",
            "new-pssession", "enter-pssession", "import-module", "set-item", "new-item",
            // wrappers: they run the command their arguments name, with changed limits, scheduling, identity,
            // namespaces or personality
            "chrt", "setarch", "linux32", "linux64", "i386", "x86_64", "uname26", "prlimit", "setpriv", "capsh",
            "firejail", "bwrap", "fakeroot", "fakechroot", "faketime", "catchsegv", "sg", "newgrp", "runcon", "cgexec",
            "systemd-run", "numactl", "schedtool", "valgrind", "perf", "expect", "rlwrap", "torsocks", "proxychains",
            "proxychains4", "tsocks", "sem", "at", "batch", "dbus-run-session", "dbus-launch", "xvfb-run", "chpst",
            "start-stop-daemon", "daemonize", "dtach", "screen", "tmux", "cpulimit", "nocache", "eatmydata", "chronic",
            "ifne", "run-parts", "entr", "setuidgid", "softlimit", "envdir", "envuidgid", "ssh-agent",
            "unbuffer", "sudoedit", "machinectl", "toolbox", "distrobox-enter", "flatpak",
            "snap", "docker", "podman", "kubectl", "lxc-attach", "run-one", "with-lock-ex", "lockrun", "sandbox",
            // debuggers and editors: they run commands given with -ex, -c, +cmd or from a script
            "gdb", "gdb-multiarch", "lldb", "vim", "vi", "nvim", "ex", "view", "vimdiff", "rvim", "rview", "gvim",
            "emacs", "emacsclient", "ed", "red", "nano", "pico", "joe", "mcedit", "ranger", "mc");

    /** The PowerShell cmdlets among the runners that are only a problem with some arguments. */
    private static final Set<String> ITEM_CMDLETS = Set.of("set-item", "new-item");

    /** win-cli-mcp-server's default blockedCommands. */
    static final List<String> WIN_CLI_BLOCKED = List.of("rm", "del", "rmdir", "format", "shutdown", "restart", "reg",
            "regedit", "net", "netsh", "takeown", "icacls");

    /** win-cli-mcp-server's default blockedArguments. */
    static final List<String> WIN_CLI_BLOCKED_ARGUMENTS = List.of("--exec", "-e", "/c", "-enc", "-encodedcommand",
            "-command", "--interactive", "-i", "--login", "--system");

    /** The blocklist policy's default: win-cli's list, plus PowerShell cmdlets, shells, interpreters, runners. */
    static final List<String> DEFAULT_BLOCKED = concat(WIN_CLI_BLOCKED, List.of(
            // PowerShell (aliases are resolved, so Remove-Item covers rm, del, erase, rd, ri, rmdir)
            "Remove-Item", "Remove-ItemProperty", "Clear-Content", "Clear-Item", "Format-Volume", "Clear-Disk",
            "Initialize-Disk", "Remove-Partition", "Stop-Computer", "Restart-Computer", "Invoke-Expression",
            "Invoke-Command", "Start-Process", "Start-Job", "Invoke-Item", "Invoke-History", "Add-Type",
            "Set-Alias", "New-Alias", "Set-ExecutionPolicy", "Set-ItemProperty", "New-ItemProperty", "Stop-Process",
            "Stop-Service", "New-Service", "Set-Service", "Invoke-WmiMethod", "Invoke-CimMethod", "Remove-WmiObject",
            "Set-WmiInstance", "Disable-LocalUser", "Remove-LocalUser", "Set-LocalUser", "New-LocalUser",
            "Add-LocalGroupMember", "Set-Acl", "Enable-PSRemoting", "Set-MpPreference",
            // Windows
            "erase", "rd", "diskpart", "bcdedit", "vssadmin", "wmic", "schtasks", "at", "sc", "taskkill", "cipher",
            "fsutil", "mshta", "rundll32", "regsvr32", "certutil", "bitsadmin", "runas", "wevtutil", "cscript",
            "wscript", "msiexec", "powershell", "pwsh", "cmd", "start", "call", "forfiles",
            // POSIX
            "shred", "dd", "mkfs", "mkfs.ext4", "mkfs.ext3", "mkfs.xfs", "mkfs.vfat", "mkfs.btrfs", "fdisk",
            "parted", "wipefs", "reboot", "halt", "poweroff", "init", "systemctl", "kill", "killall", "pkill",
            "chmod", "chown", "chgrp", "sudo", "su", "doas", "mount", "umount", "crontab", "passwd", "useradd",
            "userdel", "usermod", "iptables", "nft", "truncate",
            // shells, interpreters and commands that run commands
            "sh", "bash", "zsh", "dash", "ksh", "fish", "csh", "tcsh", "busybox", "python", "python3", "perl",
            "ruby", "node", "php", "lua", "awk", "gawk", "mawk", "nawk", "eval", "exec", "source", ".", "command",
            "builtin", "env", "xargs", "nohup", "nice", "timeout", "setsid", "stdbuf", "chroot", "watch", "trap",
            "alias"));

    /** The allowlist policy's default: commands that read and report, for every shell. */
    static final List<String> DEFAULT_ALLOWED = List.of(
            // POSIX
            "echo", "printf", "pwd", "ls", "cat", "head", "tail", "wc", "grep", "egrep", "fgrep", "cut", "tr", "diff",
            "cmp", "whoami", "uname", "id", "df", "du", "ps", "which", "stat", "basename", "dirname", "realpath",
            "readlink", "true", "false", "test", "[",
            // wrappers whose command is read and checked in its turn (see Wrappers)
            "timeout", "nice",
            // cmd
            "dir", "type", "ver", "vol", "where", "findstr", "tree",
            // PowerShell
            "Get-ChildItem", "Get-Content", "Get-Location", "Get-Item", "Get-Process", "Get-Service", "Get-Date",
            "Get-Command", "Get-Help", "Get-Host", "Get-Culture", "Get-TimeZone", "Get-ComputerInfo", "Get-PSDrive",
            "Get-FileHash", "Get-Member", "Test-Path", "Resolve-Path", "Split-Path", "Join-Path", "Select-String",
            "Select-Object", "Sort-Object", "Measure-Object", "Group-Object", "Format-Table", "Format-List",
            "Format-Wide", "Out-String", "Write-Output", "Write-Host", "ConvertTo-Json", "ConvertFrom-Json",
            "Compare-Object");

    private static List<String> concat(List<String> a, List<String> b) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static Map<String, String> aliases(String table) {
        Map<String, String> map = new TreeMap<>();
        for (String entry : table.split(";")) {
            String[] parts = entry.strip().split("\\s+");
            map.put(parts[0].toLowerCase(Locale.ROOT), parts[1].toLowerCase(Locale.ROOT));
        }
        return Map.copyOf(map);
    }

    /** NFKC, typographic dashes as '-', lower case. */
    public static String normalize(String text) {
        String n = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder b = new StringBuilder(n.length());
        for (int k = 0; k < n.length(); k++) {
            char c = n.charAt(k);
            b.append(PowerShellParser.DASHES.indexOf(c) >= 0 || (c >= '\u2010' && c <= '\u2012') || c == '\u2212'
                    ? '-' : c);
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /** The name as lists hold it: normalised, without directory, trailing dots and spaces, or extension. */
    public static String canonical(String name) {
        String n = normalize(name);
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        if (slash >= 0 && slash < n.length() - 1) {
            n = n.substring(slash + 1);
        }
        n = stripTrailing(n);
        for (String ext : EXTENSIONS) {
            if (n.length() > ext.length() && n.endsWith(ext)) {
                n = stripTrailing(n.substring(0, n.length() - ext.length()));
                break;
            }
        }
        return n;
    }

    private static String stripTrailing(String n) {
        int end = n.length();
        while (end > 0 && (n.charAt(end - 1) == '.' || n.charAt(end - 1) == ' ')) {
            end--;
        }
        return end == 0 ? n : n.substring(0, end);
    }

    /** True when the name has a directory part, so it does not go through PATH. */
    public static boolean hasPath(String name) {
        return name.indexOf('/') >= 0 || name.indexOf('\\') >= 0;
    }

    /**
     * Every name the command can be known by in this dialect: its canonical name, and in PowerShell the cmdlet an
     * alias stands for and the implicit Get- cmdlet; in cmd, the internal command a name like {@code echo.} or
     * {@code dir/w} starts with.
     */
    public static Set<String> names(String name, Dialect dialect) {
        Set<String> names = new LinkedHashSet<>();
        String canonical = canonical(name);
        names.add(canonical);
        if (dialect == Dialect.POWERSHELL) {
            String target = POWERSHELL_ALIASES.get(canonical);
            if (target != null) {
                names.add(target);
            }
            if (!canonical.contains("-") && !POWERSHELL_ALIASES.containsKey(canonical)) {
                names.add("get-" + canonical);
            }
        }
        if (dialect == Dialect.CMD) {
            String n = normalize(name);
            int k = 0;
            while (k < n.length() && (Character.isLetterOrDigit(n.charAt(k)) || n.charAt(k) == '_'
                    || n.charAt(k) == '-')) {
                k++;
            }
            if (k > 0 && k < n.length()) {
                names.add(n.substring(0, k));
            }
        }
        return names;
    }

    /** True for a name that refers to a shell, whatever its dialect. */
    public static boolean isShell(Set<String> names) {
        return names.stream().anyMatch(SHELLS::contains);
    }

    /**
     * Why this command runs another command taken from its arguments, or null. {@code env} alone (printing the
     * environment), {@code find} without -exec and {@code New-Item}/{@code Set-Item} outside the function, alias
     * and variable drives are not runners.
     */
    public static String runnerReason(Set<String> names, List<String> arguments, Dialect dialect) {
        for (String n : names) {
            if (n.equals("env") && !arguments.isEmpty()) {
                return "'env' with arguments runs the command they name";
            }
            if (n.equals("find")) {
                for (String a : arguments) {
                    String arg = normalize(a);
                    if (arg.equals("-exec") || arg.equals("-execdir") || arg.equals("-ok") || arg.equals("-okdir")) {
                        return "'find " + a + "' runs another command";
                    }
                }
            }
            if (dialect == Dialect.POWERSHELL && (n.equals("foreach-object") || n.equals("%") || n.equals("foreach"))) {
                for (String a : arguments) {
                    String arg = normalize(a);
                    if (arg.startsWith("-m") && "-membername".startsWith(arg)) {
                        return "'ForEach-Object -MemberName' calls a method by name";
                    }
                }
                if (!arguments.isEmpty() && !arguments.get(0).startsWith("-") && !arguments.get(0).startsWith("{")) {
                    return "'ForEach-Object <name>' calls a method by name";
                }
            }
            if (ITEM_CMDLETS.contains(n)) {
                for (String a : arguments) {
                    String arg = normalize(a);
                    if (arg.startsWith("function:") || arg.startsWith("alias:") || arg.startsWith("variable:")
                            || arg.contains("\\function:") || arg.contains("\\alias:")) {
                        return "'" + n + "' on the " + arg.substring(0, arg.indexOf(':') + 1)
                                + " drive defines a command";
                    }
                }
                continue;
            }
            if (RUNNERS.contains(n)) {
                return "'" + n + "' runs another command or code taken from its arguments";
            }
        }
        return null;
    }

    /** True when the argument is PowerShell's -EncodedCommand (or -EncodedArguments), abbreviated or not. */
    public static boolean isEncodedCommand(String argument) {
        String a = normalize(argument);
        if (a.startsWith("/")) {
            a = "-" + a.substring(1);
        }
        if (a.startsWith("--")) {
            a = a.substring(1);
        }
        int colon = a.indexOf(':');
        if (colon > 0) {
            a = a.substring(0, colon);
        }
        if (a.equals("-ec")) {
            return true;
        }
        return (a.length() >= 4 && "-encodedcommand".startsWith(a))
                || (a.length() >= 9 && "-encodedarguments".startsWith(a));
    }
}
