package io.kindling.magics.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * How values of one kind are read: from the profiles file (located errors), from text (an environment
 * variable, an option such as {@code --memory 4g}), and how a new value combines with the current one
 * (single values replace it, maps and lists add to it).
 * <pre>{@code
 * SettingType.MEMORY.parse("--memory", "4g");                       // 4g
 * SettingType.STRING_MAP.parse("--conf", "spark.sql.shuffle.partitions=64");
 * }</pre>
 * Parsers throw {@link IllegalArgumentException} with a message that starts with {@code what}.
 */
public final class SettingType<T> {
    public static final SettingType<String> TEXT = scalar((what, text) -> text);
    public static final SettingType<Integer> POSITIVE_INT = scalar(SettingType::positiveInt);
    public static final SettingType<Duration> DURATION = scalar(SettingType::duration);
    public static final SettingType<MemorySize> MEMORY = scalar(MemorySize::parse);
    public static final SettingType<Boolean> BOOLEAN = scalar(SettingType::bool);
    /** A file; in the profiles file, relative to it. */
    public static final SettingType<Path> FILE = new SettingType<>(ProfileSection::path, (what, text) -> Path.of(text),
            (current, given) -> given);
    /** {@code key: value} pairs; as text {@code key=value}. */
    public static final SettingType<Map<String, String>> STRING_MAP = new SettingType<>(
            (section, key) -> Optional.of(section.strings(key)).filter(m -> !m.isEmpty()), SettingType::keyValue,
            (current, given) -> {
                Map<String, String> merged = new LinkedHashMap<>(current);
                merged.putAll(given);
                return Map.copyOf(merged);
            });

    private final BiFunction<ProfileSection, String, Optional<T>> read;
    private final BiFunction<String, String, T> parse;
    private final BinaryOperator<T> combine;

    private SettingType(BiFunction<ProfileSection, String, Optional<T>> read, BiFunction<String, String, T> parse,
                        BinaryOperator<T> combine) {
        this.read = requireNonNull(read, "read is null");
        this.parse = requireNonNull(parse, "parse is null");
        this.combine = requireNonNull(combine, "combine is null");
    }

    /** A single value: replaced by a new one; read from the file by the same parser as from text. */
    public static <T> SettingType<T> scalar(BiFunction<String, String, T> parse) {
        requireNonNull(parse, "parse is null");
        return new SettingType<>((section, key) -> section.value(key, parse), parse, (current, given) -> given);
    }

    /** A list whose elements {@code parse} reads; new elements are added to the current ones. */
    public static <E> SettingType<List<E>> list(BiFunction<String, String, E> parse) {
        requireNonNull(parse, "parse is null");
        return new SettingType<>((section, key) -> {
            List<String> texts = section.texts(key);
            if (texts.isEmpty()) {
                return Optional.empty();
            }
            List<E> elements = new ArrayList<>();
            for (String text : texts) {
                try {
                    elements.add(parse.apply("element", text));
                } catch (IllegalArgumentException e) {
                    throw section.error(key, e.getMessage());
                }
            }
            return Optional.of(List.copyOf(elements));
        }, (what, text) -> List.of(parse.apply(what, text)), (current, given) -> {
            List<E> all = new ArrayList<>(current);
            all.addAll(given);
            return List.copyOf(all);
        });
    }

    /** The value at {@code key} of the profile section, located errors included; empty when unset. */
    public Optional<T> read(ProfileSection section, String key) {
        return read.apply(section, key);
    }

    /** The value {@code text} spells; {@code what} names it in the error. */
    public T parse(String what, String text) {
        requireNonNull(text, what + " is null");
        return parse.apply(what, text);
    }

    /** {@code given} applied on top of {@code current}. */
    public T combine(T current, T given) {
        return combine.apply(current, given);
    }

    private static int positiveInt(String what, String text) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below, with the text as given.
        }
        throw new IllegalArgumentException(what + " must be a positive whole number, got '" + text + "'");
    }

    /** {@code 90s}, {@code 3m}, {@code 1h} or ISO-8601 ({@code PT3M}); must be positive. */
    private static Duration duration(String what, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Duration duration;
        try {
            if (t.matches("\\d+[smh]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                duration = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            } else {
                duration = Duration.parse(t.toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a duration such as 90s, 3m or 1h");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got '" + text + "'");
        }
        return duration;
    }

    private static boolean bool(String what, String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(what + " must be true or false, got '" + text + "'");
        };
    }

    private static Map<String, String> keyValue(String what, String text) {
        int equals = text.indexOf('=');
        if (equals < 1) {
            throw new IllegalArgumentException(what + " '" + text + "' is not key=value");
        }
        return Map.of(text.substring(0, equals).strip(), text.substring(equals + 1).strip());
    }
}
