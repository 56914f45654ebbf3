package io.kindling.magics.magic;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One option a magic accepts: {@code --long-name value} (or {@code --long-name=value}), optionally a
 * one-letter alias {@code -x value}, or a flag when it takes no value.
 *
 * @param name        the long name without dashes, e.g. {@code limit}
 * @param shortName   the one-letter alias, or {@code 0} for none
 * @param valueName   how the usage text names the value, e.g. {@code N}; empty for a flag
 * @param description one line for help output
 * @param repeatable  whether the option may be given more than once (e.g. {@code --session k=v})
 */
public record OptionSpec(String name, char shortName, Optional<String> valueName, String description, boolean repeatable) {

    public OptionSpec {
        requireNonNull(name, "name is null");
        requireNonNull(valueName, "valueName is null");
        requireNonNull(description, "description is null");
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("option name must be lower-case letters, digits and dashes: " + name);
        }
    }

    /** A boolean option such as {@code --quiet}. */
    public static OptionSpec flag(String name, char shortName, String description) {
        return new OptionSpec(name, shortName, Optional.empty(), description, false);
    }

    /** An option that takes one value such as {@code --limit N}. */
    public static OptionSpec value(String name, char shortName, String valueName, String description) {
        return new OptionSpec(name, shortName, Optional.of(valueName), description, false);
    }

    /** An option that takes a value and may be given several times, such as {@code --session k=v}. */
    public static OptionSpec repeated(String name, char shortName, String valueName, String description) {
        return new OptionSpec(name, shortName, Optional.of(valueName), description, true);
    }

    public boolean takesValue() {
        return valueName.isPresent();
    }

    /** How this option is written in a usage line, e.g. {@code [-l|--limit N]}. */
    String usage() {
        String alias = shortName == 0 ? "" : "-" + shortName + "|";
        return "[" + alias + "--" + name + valueName.map(v -> " " + v).orElse("") + (repeatable ? "]..." : "]");
    }
}
