package dev.mcpbridge.wincli;

/**
 * A piece of shell syntax that does more than name a command and its arguments: chaining, substitution,
 * redirection, escapes. With injection protection on (the default), every construct found in a command line is
 * refused unless it is {@link #configurable()} and its {@link #token()} is listed in {@code allowedOperators}; the
 * others are refused whatever the configuration, because the commands they would run cannot be checked.
 */
public enum Construct {
    SEQUENCE(";", "the command separator ';'"),
    AND("&&", "the operator '&&'"),
    OR("||", "the operator '||'"),
    PIPE("|", "the pipe '|'"),
    BACKGROUND("&", "the operator '&' (background, or cmd's command separator)"),
    CALL_OPERATOR("&", "PowerShell's call operator '&'"),
    NEWLINE("newline", "a newline or carriage return (a second command line)"),
    REDIRECT_OUT(">", "the output redirection '>'"),
    REDIRECT_APPEND(">>", "the output redirection '>>'"),
    REDIRECT_IN("<", "the input redirection '<'"),
    COMMAND_SUBSTITUTION("$()", "a command substitution '$( )'"),
    BACKTICK("`", "a backtick (command substitution in sh/bash, escape character in PowerShell)"),
    PROCESS_SUBSTITUTION("<()", "a process substitution '<( )' or '>( )'"),
    GROUPING("()", "parentheses (a subshell, a group or a sub-expression runs nested commands)"),
    SCRIPT_BLOCK("{}", "a PowerShell script block '{ }'"),
    CARET("^", "cmd's escape character '^'"),
    CMD_VARIABLE("%VAR%", "cmd's variable expansion '%VAR%'"),

    // Never allowed while injection protection is on: what they run cannot be checked.
    HEREDOC(null, "a here-document or here-string"),
    ENCODED_COMMAND(null, "PowerShell's -EncodedCommand (a base64 command cannot be checked)"),
    STOP_PARSING(null, "PowerShell's stop-parsing token '--%'"),
    METHOD_CALL(null, "a .NET method call (it runs code no command check can see)"),
    MEMBER_ACCESS(null, "member access on a PowerShell engine object ($ExecutionContext, $Host, ...), whose members "
            + "invoke scripts and commands"),
    STATIC_MEMBER(null, "a .NET static member access '::'"),
    TYPE_LITERAL(null, "a .NET type literal '[Type]' (conversions can construct objects that act)"),
    ASSIGNMENT(null, "a variable assignment"),
    KEYWORD(null, "a shell keyword (compound commands such as if, for, while, function are not supported)"),
    PARAMETER_EXPANSION(null, "a parameter expansion with operators '${...}' (only $NAME and ${NAME} are allowed)"),
    ARITHMETIC(null, "an arithmetic expansion '$(( ))' (it can run commands through array subscripts)"),
    COMMENT(null, "a PowerShell comment"),
    ANSI_C_QUOTE(null, "$'...' quoting, which sh does not have (sh would read it differently)");

    private final String token;
    private final String description;

    Construct(String token, String description) {
        this.token = token;
        this.description = description;
    }

    /** What {@code allowedOperators} lists to allow it; null when it can never be allowed. */
    public String token() {
        return token;
    }

    public boolean configurable() {
        return token != null;
    }

    public String description() {
        return description;
    }
}
