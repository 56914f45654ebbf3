package io.kindling.magics.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.kindling.magics.magic.CloseNames;
import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import static java.util.Objects.requireNonNull;

/**
 * One mapping of the profiles file, e.g. {@code spark.kubernetes} or {@code presto.profiles.warehouse}, that
 * knows where it is: every typed read fails with a {@link ErrorName#BAD_PROFILE} error naming the file, the
 * line and column, and the key path, so the user can go straight to the mistake.
 * <pre>{@code
 * ProfileSection k8s = ProfilesFile.of(System.getenv(), home).section("spark").section("kubernetes");
 * k8s.checkKeys(Set.of("executors", "memory"));     // "executorz" fails: ...profiles.yaml:4:5: spark.kubernetes.executorz: ...
 * int executors = k8s.positiveInt("executors").orElse(2);
 * }</pre>
 * An absent section reads as empty: every key is absent.
 */
public final class ProfileSection {
    private final Path file;
    private final LocatedYaml yaml;
    private final JsonPointer pointer;
    private final JsonNode node;

    ProfileSection(Path file, LocatedYaml yaml, JsonPointer pointer) {
        this.file = requireNonNull(file, "file is null");
        this.yaml = requireNonNull(yaml, "yaml is null");
        this.pointer = requireNonNull(pointer, "pointer is null");
        this.node = yaml.root().at(pointer);
        if (isPresent() && !node.isObject()) {
            throw error("must be a mapping of settings (key: value lines), got " + describe(node));
        }
    }

    /** The profiles file this section is in. */
    public Path file() {
        return file;
    }

    /** The key path as users write it, e.g. {@code spark.kubernetes}. */
    public String path() {
        return LocatedYaml.dotted(pointer);
    }

    /** Whether the file has this section (a key with an empty value counts as absent). */
    public boolean isPresent() {
        return !node.isMissingNode() && !node.isNull();
    }

    /** The keys of this section in file order. */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** A nested mapping; fails, located, when the key holds something else. */
    public ProfileSection section(String key) {
        return new ProfileSection(file, yaml, pointer.appendProperty(requireNonNull(key, "key is null")));
    }

    /** Fails on the first key not among {@code known}, with a "did you mean" when one is close. */
    public ProfileSection checkKeys(Collection<String> known) {
        for (String key : keys()) {
            if (!known.contains(key)) {
                throw error(key, "unknown setting '" + key + "'" + CloseNames.hint(key, known, "")
                        + "; known settings: " + String.join(", ", known.stream().sorted().toList()));
            }
        }
        return this;
    }

    /** A single value as text; fails when the key holds a mapping or a list. */
    public Optional<String> text(String key) {
        JsonNode value = node.get(requireNonNull(key, "key is null"));
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            throw error(key, "must be a single value, got " + describe(value));
        }
        return Optional.of(value.asText());
    }

    /**
     * A single value read by {@code parse}, which gets the key path (for its message) and the text and
     * throws {@link IllegalArgumentException} when the text is wrong; that becomes a located error.
     */
    public <T> Optional<T> value(String key, BiFunction<String, String, T> parse) {
        return text(key).map(text -> {
            try {
                return parse.apply(keyPath(key), text);
            } catch (IllegalArgumentException e) {
                throw locatedAt(key, e.getMessage());
            }
        });
    }

    public Optional<Integer> positiveInt(String key) {
        return value(key, SettingType.POSITIVE_INT::parse);
    }

    public Optional<Duration> duration(String key) {
        return value(key, SettingType.DURATION::parse);
    }

    public Optional<MemorySize> memory(String key) {
        return value(key, SettingType.MEMORY::parse);
    }

    public Optional<Boolean> bool(String key) {
        return value(key, SettingType.BOOLEAN::parse);
    }

    /** A file named relative to the profiles file (or to the home directory with {@code ~/}). */
    public Optional<Path> path(String key) {
        return text(key).map(p -> p.startsWith("~/") ? Path.of(UserHome.expandTilde(p, System.getenv()))
                : file.toAbsolutePath().resolveSibling(p));
    }

    /**
     * A secret named by {@code key_env} (an environment variable) or {@code key_file} (a file); an inline
     * {@code key} is refused with its line, so a password never sits in the profiles file.
     */
    public Optional<Secret> secret(String key) {
        if (keys().contains(key)) {
            throw error(key, "secrets are never written in the profiles file; use " + key
                    + "_env (an environment variable) or " + key + "_file (a file readable only by you)");
        }
        Optional<Secret> fromEnv = text(key + "_env").map(Secret::fromEnvironment);
        return fromEnv.or(() -> path(key + "_file").map(Secret::fromFile));
    }

    /** A mapping of single values, e.g. {@code conf: {spark.sql.shuffle.partitions: 8}}; empty when absent. */
    public Map<String, String> strings(String key) {
        ProfileSection values = section(key);
        Map<String, String> strings = new LinkedHashMap<>();
        for (String name : values.keys()) {
            strings.put(name, values.text(name).orElse(""));
        }
        return strings;
    }

    /** A list of single values, e.g. {@code client_tags: [ml, adhoc]}; a single value is a list of one. */
    public List<String> texts(String key) {
        JsonNode value = node.get(requireNonNull(key, "key is null"));
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isValueNode()) {
            return List.of(value.asText());
        }
        if (!value.isArray()) {
            throw error(key, "must be a list such as [a, b], got " + describe(value));
        }
        List<String> texts = new ArrayList<>();
        for (Iterator<JsonNode> elements = value.elements(); elements.hasNext(); ) {
            JsonNode element = elements.next();
            if (!element.isValueNode()) {
                throw error(key, "must be a list of single values, got an element that is " + describe(element));
            }
            texts.add(element.asText());
        }
        return texts;
    }

    /** A {@link ErrorName#BAD_PROFILE} error at {@code key} (at this section when the key is absent). */
    public MagicError error(String key, String problem) {
        return locatedAt(key, keyPath(key) + ": " + problem);
    }

    /** A {@link ErrorName#BAD_PROFILE} error at this section. */
    public MagicError error(String problem) {
        return new MagicError(ErrorName.BAD_PROFILE, LocatedYaml.located(file, yaml.position(pointer))
                + (path().isEmpty() ? "" : path() + ": ") + problem);
    }

    private MagicError locatedAt(String key, String message) {
        return new MagicError(ErrorName.BAD_PROFILE, LocatedYaml.located(file, yaml.position(pointer.appendProperty(key))) + message);
    }

    private String keyPath(String key) {
        return path().isEmpty() ? key : path() + "." + key;
    }

    private static String describe(JsonNode value) {
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        return "'" + value.asText() + "'";
    }

    @Override
    public String toString() {
        return file + " " + path();
    }
}
