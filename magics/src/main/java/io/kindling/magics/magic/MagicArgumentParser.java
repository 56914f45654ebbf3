package io.kindling.magics.magic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a magic's argument line against its {@link MagicSpec}, GNU style: {@code --name value},
 * {@code --name=value}, {@code -x value}, {@code -xvalue}, bundled flags {@code -qv}, and {@code --}
 * to end options. Every error names the offending option and carries the magic's usage line.
 */
public final class MagicArgumentParser {
    private MagicArgumentParser() {
    }

    public static MagicArguments parse(MagicSpec spec, String argumentLine) {
        String usage = spec.usageLine();
        List<String> words = ArgumentTokenizer.split(argumentLine, usage);
        Map<String, List<String>> options = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (optionsEnded || !word.startsWith("-") || word.equals("-") || isNumber(word)) {
                positionals.add(word);
            } else if (word.equals("--")) {
                optionsEnded = true;
            } else if (word.startsWith("--")) {
                i = longOption(spec, words, i, options);
            } else {
                i = shortOptions(spec, words, i, options);
            }
        }
        int allowed = spec.positionals().size();
        if (!spec.varargs() && positionals.size() > allowed) {
            String extra = positionals.get(allowed);
            throw new MagicUsageException(allowed == 0
                    ? spec.invocation() + " takes no positional arguments, got '" + extra + "'"
                    : spec.invocation() + " takes at most " + allowed + " positional argument"
                    + (allowed == 1 ? "" : "s") + " (" + String.join(", ", spec.positionals()) + "), got extra '" + extra + "'",
                    usage);
        }
        return new MagicArguments(spec, options, positionals);
    }

    private static int longOption(MagicSpec spec, List<String> words, int at, Map<String, List<String>> options) {
        String word = words.get(at);
        int equals = word.indexOf('=');
        String name = equals < 0 ? word.substring(2) : word.substring(2, equals);
        OptionSpec option = spec.option(name).orElseThrow(() -> new MagicUsageException(
                "unknown option --" + name + " for " + spec.invocation()
                        + CloseNames.hint(name, spec.options().stream().map(OptionSpec::name).toList(), "--"),
                spec.usageLine()));
        if (!option.takesValue()) {
            if (equals >= 0) {
                throw new MagicUsageException("--" + name + " is a flag and takes no value", spec.usageLine());
            }
            record(spec, option, "true", options);
            return at;
        }
        if (equals >= 0) {
            record(spec, option, word.substring(equals + 1), options);
            return at;
        }
        record(spec, option, valueAfter(spec, option, words, at), options);
        return at + 1;
    }

    private static int shortOptions(MagicSpec spec, List<String> words, int at, Map<String, List<String>> options) {
        String word = words.get(at);
        for (int c = 1; c < word.length(); c++) {
            char letter = word.charAt(c);
            OptionSpec option = spec.option(letter).orElseThrow(() -> new MagicUsageException(
                    "unknown option -" + letter + " for " + spec.invocation(), spec.usageLine()));
            if (!option.takesValue()) {
                record(spec, option, "true", options);
            } else if (c + 1 < word.length()) {
                record(spec, option, word.substring(c + 1), options);
                return at;
            } else {
                record(spec, option, valueAfter(spec, option, words, at), options);
                return at + 1;
            }
        }
        return at;
    }

    private static String valueAfter(MagicSpec spec, OptionSpec option, List<String> words, int at) {
        if (at + 1 >= words.size()) {
            throw new MagicUsageException(
                    "--" + option.name() + " needs a value (" + option.valueName().orElseThrow() + ")", spec.usageLine());
        }
        return words.get(at + 1);
    }

    private static void record(MagicSpec spec, OptionSpec option, String value, Map<String, List<String>> options) {
        List<String> values = options.computeIfAbsent(option.name(), n -> new ArrayList<>());
        if (!values.isEmpty() && !option.repeatable()) {
            throw new MagicUsageException("--" + option.name() + " was given more than once", spec.usageLine());
        }
        values.add(value);
    }

    private static boolean isNumber(String word) {
        return word.matches("-\\d[\\d_.]*");
    }
}
