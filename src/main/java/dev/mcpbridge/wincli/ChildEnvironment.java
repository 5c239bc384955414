package dev.mcpbridge.wincli;

import dev.mcpbridge.core.spi.Secrets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The environment a command starts with: an allowlist, not the bridge's environment minus what is known to be
 * secret. Only the variables programs need to find themselves, their user, locale and temporary directory pass
 * (plus those the operator names in {@code passEnvironment}); whatever is a known secret — any adapter's, served or
 * not — or looks like one by its name never passes, even when named; shell start-up hooks are removed.
 */
final class ChildEnvironment {

    /** Compared case-insensitively: Windows variable names are. */
    static final Set<String> PASSED = caseless(Set.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TERM",
            "TZ", "TMPDIR", "SHELL", "HOSTNAME", "COLUMNS", "LINES", "NO_COLOR", "JAVA_HOME",
            // Windows
            "SYSTEMROOT", "WINDIR", "COMSPEC", "PATHEXT", "TEMP", "TMP", "USERPROFILE", "USERNAME", "USERDOMAIN",
            "COMPUTERNAME", "APPDATA", "LOCALAPPDATA", "PROGRAMDATA", "PROGRAMFILES", "PROGRAMFILES(X86)",
            "PROGRAMW6432", "COMMONPROGRAMFILES", "COMMONPROGRAMFILES(X86)", "COMMONPROGRAMW6432", "SYSTEMDRIVE",
            "HOMEDRIVE", "HOMEPATH", "NUMBER_OF_PROCESSORS", "PROCESSOR_ARCHITECTURE", "PROCESSOR_IDENTIFIER", "OS",
            "PSMODULEPATH", "PUBLIC", "ALLUSERSPROFILE"));

    private final Set<String> extra;
    private final Secrets secrets;

    /** @param extra further names the operator lets through (passEnvironment) */
    ChildEnvironment(Collection<String> extra, Secrets secrets) {
        this.extra = caseless(extra);
        this.secrets = secrets;
    }

    private static Set<String> caseless(Collection<String> names) {
        Set<String> s = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.stream().map(String::strip).filter(n -> !n.isEmpty()).forEach(s::add);
        return s;
    }

    Map<String, String> from(Map<String, String> base) {
        Map<String, String> env = new LinkedHashMap<>();
        base.forEach((name, value) -> {
            if (PASSED.contains(name) || extra.contains(name) || name.toUpperCase(Locale.ROOT).startsWith("LC_")) {
                env.put(name, value);
            }
        });
        secrets.scrubLookingSecret(env);
        Shell.harden(env);
        return env;
    }
}
