package io.kindling.magics.magic;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * What a magic says about itself. One source drives {@code %lsmagic}, {@code %name?} help, the
 * option parser and completion.
 *
 * @param name        the name after {@code %} or {@code %%}, e.g. {@code presto}
 * @param kind        whether it is a line magic or a cell magic
 * @param summary     one line for {@code %lsmagic}
 * @param positionals names of positional arguments in order, e.g. {@code [target]}; the last one
 *                    may be followed by more values when {@code varargs} is set
 * @param varargs     whether extra positional values are accepted after the named ones
 * @param options     the options it accepts
 * @param example     a runnable example shown in help
 */
public record MagicSpec(
        String name,
        Kind kind,
        String summary,
        List<String> positionals,
        boolean varargs,
        List<OptionSpec> options,
        String example) {

    /** Line magics take the rest of their line; cell magics also take the cell's body. */
    public enum Kind {
        LINE("%"), CELL("%%");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    public MagicSpec {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(summary, "summary is null");
        positionals = List.copyOf(positionals);
        options = List.copyOf(options);
        requireNonNull(example, "example is null");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("magic name must be a Java-like identifier: " + name);
        }
    }

    public Optional<OptionSpec> option(String longName) {
        return options.stream().filter(o -> o.name().equals(longName)).findFirst();
    }

    public Optional<OptionSpec> option(char shortName) {
        return options.stream().filter(o -> o.shortName() == shortName).findFirst();
    }

    /** The magic as the user types it, e.g. {@code %%presto}. */
    public String invocation() {
        return kind.prefix() + name;
    }

    /** One usage line, e.g. {@code %%presto [--limit N] [target]}. */
    public String usageLine() {
        StringBuilder usage = new StringBuilder(invocation());
        options.forEach(o -> usage.append(' ').append(o.usage()));
        positionals.forEach(p -> usage.append(" [").append(p).append(']'));
        if (varargs) {
            usage.append("...");
        }
        return usage.toString();
    }

    /** The full help text shown for {@code %name?}. */
    public String help() {
        String optionLines = options.stream()
                .map(o -> String.format("  %-28s %s",
                        (o.shortName() == 0 ? "    " : "-" + o.shortName() + ", ") + "--" + o.name()
                                + o.valueName().map(v -> " " + v).orElse(""),
                        o.description()))
                .collect(Collectors.joining("\n"));
        return usageLine() + "\n\n" + summary + "\n"
                + (optionLines.isEmpty() ? "" : "\nOptions:\n" + optionLines + "\n")
                + (example.isEmpty() ? "" : "\nExample:\n" + example.indent(2));
    }
}
