package dev.mcpbridge.wincli;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line split by its shell's grammar: every simple command it would run (including those nested in
 * substitutions, groups and script blocks) and every construct it uses.
 */
public final class ParsedLine {

    /**
     * One word after quote removal.
     *
     * @param value the text the shell would see (expansions are left as written)
     * @param literal true when the shell would not change it: no variable, substitution, glob, brace or tilde
     */
    public record Word(String value, boolean literal) {
    }

    /**
     * A command name and its arguments.
     *
     * @param via where it is nested ("" at top level, else e.g. "$( )", "( )", "{ }")
     * @param callOperator PowerShell: invoked through '&' or '.'
     */
    public record SimpleCommand(List<Word> words, String via, boolean callOperator) {

        public Word name() {
            return words.get(0);
        }

        public List<Word> arguments() {
            return words.subList(1, words.size());
        }
    }

    /** One use of a construct and the text that shows it. */
    public record Use(Construct construct, String text) {
    }

    private final List<SimpleCommand> commands = new ArrayList<>();
    private final List<Use> uses = new ArrayList<>();
    private final List<String> expressions = new ArrayList<>();

    void add(SimpleCommand command) {
        commands.add(command);
    }

    void use(Construct construct, String text) {
        uses.add(new Use(construct, text));
    }

    /** PowerShell: a pipeline element that is an expression, not a command (e.g. {@code $PSVersionTable}). */
    void expression(String text) {
        expressions.add(text);
    }

    public List<SimpleCommand> commands() {
        return commands;
    }

    public List<Use> uses() {
        return uses;
    }

    public List<String> expressions() {
        return expressions;
    }
}
