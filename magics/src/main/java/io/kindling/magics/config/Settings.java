package io.kindling.magics.config;

import io.kindling.magics.magic.CloseNames;
import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The values of one group of {@link Setting}s, immutable: read from a profile section and the environment,
 * then refined by code or by a cell's options, each step giving a new value.
 * <pre>{@code
 * Settings cluster = Settings.read(List.of(EXECUTORS, MEMORY), file.section("spark").section("kubernetes"), System.getenv())
 *         .with(EXECUTORS, 8)                    // from code
 *         .override("memory", "4g");             // from a cell option such as --memory 4g
 * int executors = cluster.get(EXECUTORS);
 * }</pre>
 */
public final class Settings {
    private final Map<String, Setting<?>> known;
    private final Map<String, Object> values;

    private Settings(Map<String, Setting<?>> known, Map<String, Object> values) {
        this.known = known;
        this.values = Map.copyOf(values);
    }

    /** Every setting at its default. */
    public static Settings defaults(List<Setting<?>> settings) {
        Map<String, Setting<?>> known = new LinkedHashMap<>();
        Map<String, Object> values = new HashMap<>();
        for (Setting<?> setting : settings) {
            if (known.put(setting.key(), setting) != null) {
                throw new IllegalArgumentException("setting '" + setting.key() + "' is declared twice");
            }
            setting.defaultValue().ifPresent(v -> values.put(setting.key(), v));
        }
        return new Settings(Collections.unmodifiableMap(known), values);
    }

    /**
     * Reads {@code settings} from {@code section} (refusing keys it does not know, located) and from the
     * environment, which wins; the rest keep their defaults.
     */
    public static Settings read(List<Setting<?>> settings, ProfileSection section, Map<String, String> environment) {
        Settings result = defaults(settings);
        section.checkKeys(settings.stream().filter(Setting::inProfile).map(Setting::key).toList());
        for (Setting<?> setting : settings) {
            result = result.read(setting, section, environment);
        }
        return result;
    }

    private <T> Settings read(Setting<T> setting, ProfileSection section, Map<String, String> environment) {
        Optional<String> fromEnvironment = setting.environmentVariable()
                .flatMap(name -> Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank()));
        if (fromEnvironment.isPresent()) {
            String variable = setting.environmentVariable().orElseThrow();
            try {
                return with(setting, setting.parse("environment variable " + variable, fromEnvironment.get()));
            } catch (IllegalArgumentException e) {
                throw new MagicError(ErrorName.BAD_PROFILE, e.getMessage());
            }
        }
        if (setting.inProfile()) {
            Optional<T> fromFile = setting.type().read(section, setting.key());
            if (fromFile.isPresent()) {
                return with(setting, fromFile.get());
            }
        }
        return this;
    }

    /** The value, if set or defaulted. */
    public <T> Optional<T> find(Setting<T> setting) {
        @SuppressWarnings("unchecked")
        T value = (T) values.get(checked(setting).key());
        return Optional.ofNullable(value);
    }

    /** The value of a setting that has a default or was set; a programming error otherwise. */
    public <T> T get(Setting<T> setting) {
        return find(setting).orElseThrow(() -> new IllegalStateException("setting '" + setting.key() + "' is not set"));
    }

    /**
     * A copy with {@code setting} replaced by {@code value}. Values from code are taken as given (a builder
     * checks its own arguments, e.g. zero executors is right for dynamic allocation); text goes through
     * {@link #override}.
     */
    public <T> Settings with(Setting<T> setting, T value) {
        Map<String, Object> copy = new HashMap<>(values);
        copy.put(checked(setting).key(), requireNonNull(value, "value is null"));
        return new Settings(known, copy);
    }

    /** A copy with {@code value} combined into the current one: maps and lists add to it, the rest replace it. */
    public <T> Settings add(Setting<T> setting, T value) {
        return with(setting, find(setting).map(current -> setting.type().combine(current, value)).orElse(value));
    }

    /** A copy with {@code setting} unset (not even its default). */
    public Settings without(Setting<?> setting) {
        Map<String, Object> copy = new HashMap<>(values);
        copy.remove(checked(setting).key());
        return new Settings(known, copy);
    }

    /**
     * A copy with one override in text, as cell options give it ({@code --executors 8},
     * {@code --conf k=v}): parsed by the setting's type and {@linkplain #add added}.
     *
     * @throws IllegalArgumentException for an unknown key (with a "did you mean") or a wrong value
     */
    public Settings override(String key, String text) {
        Setting<?> setting = known.get(requireNonNull(key, "key is null"));
        if (setting == null) {
            throw new IllegalArgumentException("unknown setting '" + key + "'" + CloseNames.hint(key, known.keySet(), ""));
        }
        return parsedAdd(setting, text);
    }

    /** Applies {@link #override} for each entry, in order. */
    public Settings override(Map<String, String> overrides) {
        Settings result = this;
        for (Map.Entry<String, String> entry : overrides.entrySet()) {
            result = result.override(entry.getKey(), entry.getValue());
        }
        return result;
    }

    /** The keys of the settings of this group. */
    public Collection<String> keys() {
        return known.keySet();
    }

    private <T> Settings parsedAdd(Setting<T> setting, String text) {
        return add(setting, setting.parse(setting.key(), text));
    }

    private <S extends Setting<?>> S checked(S setting) {
        if (known.get(setting.key()) != requireNonNull(setting, "setting is null")) {
            throw new IllegalArgumentException("setting '" + setting.key() + "' is not one of " + known.keySet());
        }
        return setting;
    }

    @Override
    public String toString() {
        return known.keySet().stream().filter(values::containsKey).map(k -> k + "=" + values.get(k))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
