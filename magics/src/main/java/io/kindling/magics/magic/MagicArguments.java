package io.kindling.magics.magic;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A magic's parsed argument line: option values by long name and positional values in order.
 * Accessors check the option is declared, so a typo in a magic's own code fails loudly.
 */
public record MagicArguments(MagicSpec spec, Map<String, List<String>> options, List<String> positionals) {

    public MagicArguments {
        requireNonNull(spec, "spec is null");
        options = Map.copyOf(options);
        positionals = List.copyOf(positionals);
    }

    /** Whether the option (flag or valued) was given. */
    public boolean has(String option) {
        declared(option);
        return options.containsKey(option);
    }

    /** The option's value; for a repeated option, the last one given. */
    public Optional<String> value(String option) {
        declared(option);
        List<String> given = options.getOrDefault(option, List.of());
        return given.isEmpty() ? Optional.empty() : Optional.of(given.get(given.size() - 1));
    }

    /** Every value given for a repeatable option, in order. */
    public List<String> values(String option) {
        declared(option);
        return options.getOrDefault(option, List.of());
    }

    /** The option's value as a number, checked to be at least {@code min}. */
    public Optional<Long> longValue(String option, long min) {
        return value(option).map(text -> {
            long parsed;
            try {
                parsed = Long.parseLong(text.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new MagicUsageException("--" + option + " expects a whole number, got '" + text + "'", spec.usageLine());
            }
            if (parsed < min) {
                throw new MagicUsageException("--" + option + " must be at least " + min + ", got " + parsed, spec.usageLine());
            }
            return parsed;
        });
    }

    /** The positional value at {@code index}, if given. */
    public Optional<String> positional(int index) {
        return index < positionals.size() ? Optional.of(positionals.get(index)) : Optional.empty();
    }

    private void declared(String option) {
        if (spec.option(option).isEmpty()) {
            throw new IllegalArgumentException(spec.invocation() + " declares no option --" + option);
        }
    }
}
