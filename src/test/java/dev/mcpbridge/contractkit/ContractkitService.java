package dev.mcpbridge.contractkit;

import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.SettingsException;
import dev.mcpbridge.core.spi.ToolCallContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Service of the test-only contractkit adapter: one handler per way of taking arguments. */
public class ContractkitService implements AutoCloseable {

    public static final AtomicInteger CLOSED = new AtomicInteger();

    public enum Mode { polite, curt }

    public record Settings(String greeting, int repeat, boolean shout, Mode mode, Duration pause, List<String> names,
            Long limit, String stop) {
    }

    public record Greet(String personName, Integer times) {
    }

    private final Settings settings;

    public ContractkitService(Settings settings) {
        if (!settings.stop().isBlank()) {
            throw new SettingsException("stop", "is set to '" + settings.stop() + "'; leave it empty");
        }
        this.settings = settings;
    }

    public String greetPerson(Greet args) {
        String text = settings.greeting() + ", " + args.personName();
        int times = args.times() == null ? settings.repeat() : args.times();
        String line = settings.shout() ? text.toUpperCase() : text;
        return String.join(" ", java.util.Collections.nCopies(times, line));
    }

    public String countArgs(Arguments args, ToolCallContext ctx) {
        return ctx.toolName() + ": " + args.strings("items").size() + " items, flag " + args.bool("flag", false);
    }

    public String showSettings() {
        return settings.toString();
    }

    public String aboutResource(String uri) {
        return "about " + uri;
    }

    @Override
    public void close() {
        CLOSED.incrementAndGet();
    }
}
