package dev.mcpbridge.wincli;

/**
 * On Windows a process gets one command-line string, not a vector: Java joins the vector, quoting an element with
 * spaces but leaving embedded double quotes as they are, which a program's parser (CommandLineToArgvW, the MSVC
 * runtime, PowerShell's) would then split differently — a quoted {@code ;} could become a real one. So the line is
 * quoted here by the MSVC rules, and Java passes an already quoted element through unchanged: the program's
 * parser gives back exactly the validated line.
 */
public final class WindowsQuoting {

    private WindowsQuoting() {
    }

    /** Quotes one argument so that CommandLineToArgvW yields it unchanged. */
    public static String quote(String arg) {
        StringBuilder b = new StringBuilder("\"");
        int backslashes = 0;
        for (int k = 0; k < arg.length(); k++) {
            char c = arg.charAt(k);
            if (c == '\\') {
                backslashes++;
                continue;
            }
            if (c == '"') {
                b.append("\\".repeat(backslashes * 2 + 1)).append('"');
            } else {
                b.append("\\".repeat(backslashes)).append(c);
            }
            backslashes = 0;
        }
        b.append("\\".repeat(backslashes * 2)).append('"');
        return b.toString();
    }
}
