package io.kindling.magics.config;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One named setting of a group (say, a Kubernetes cluster): its key in the profiles file and in option
 * overrides, its type, its default, and the environment variable that wins over the file. A group's
 * settings are declared once, as constants, and {@link Settings} does the rest.
 * <pre>{@code
 * static final Setting<Integer> EXECUTORS = Setting.of("executors", SettingType.POSITIVE_INT).withDefault(2);
 * static final Setting<String> IMAGE = Setting.of("image", SettingType.TEXT).fromEnvironment("KINDLING_SPARK_IMAGE");
 * }</pre>
 *
 * @param key                 its name in the profiles file and in overrides, e.g. {@code executors}
 * @param type                how it is read and combined
 * @param defaultValue        its value when nothing sets it; empty for settings that may stay unset
 * @param environmentVariable a variable that, when set and not blank, wins over the file
 * @param inProfile           whether the profiles file may set it (some come from the environment or code only)
 */
public record Setting<T>(String key, SettingType<T> type, Optional<T> defaultValue, Optional<String> environmentVariable,
                         boolean inProfile) {
    public Setting {
        requireNonNull(key, "key is null");
        requireNonNull(type, "type is null");
        requireNonNull(defaultValue, "defaultValue is null");
        requireNonNull(environmentVariable, "environmentVariable is null");
    }

    /** A setting the profiles file may set, with no default and no environment variable. */
    public static <T> Setting<T> of(String key, SettingType<T> type) {
        return new Setting<>(key, type, Optional.empty(), Optional.empty(), true);
    }

    public Setting<T> withDefault(T value) {
        return new Setting<>(key, type, Optional.of(requireNonNull(value, "value is null")), environmentVariable, inProfile);
    }

    public Setting<T> fromEnvironment(String variable) {
        return new Setting<>(key, type, defaultValue, Optional.of(requireNonNull(variable, "variable is null")), inProfile);
    }

    /** Not read from the profiles file: set by the environment or by code only. */
    public Setting<T> notInProfile() {
        return new Setting<>(key, type, defaultValue, environmentVariable, false);
    }

    /** The value {@code text} spells, e.g. from an option; {@code what} names it in the error. */
    public T parse(String what, String text) {
        return type.parse(what, text);
    }

    @Override
    public String toString() {
        return key;
    }
}
