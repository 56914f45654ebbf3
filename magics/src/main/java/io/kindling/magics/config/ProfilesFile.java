package io.kindling.magics.config;

import io.kindling.magics.magic.ErrorName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kindling.magics.magic.MagicError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The profiles file every engine reads its section of ({@code presto:}, {@code spark:}):
 * {@code $KINDLING_PROFILES}, or {@code ~/.kindling/profiles.yaml}.
 *
 * @param path where the file is (or would be)
 * @param root its content; an empty mapping when there is no file
 */
public record ProfilesFile(Path path, JsonNode root) {
    public static final String ENV_PROFILES_FILE = "KINDLING_PROFILES";

    public ProfilesFile {
        requireNonNull(path, "path is null");
        requireNonNull(root, "root is null");
    }

    /** Reads the file the environment names, or the default one under {@code home}. */
    public static ProfilesFile load(Map<String, String> environment, Path home) {
        Path file = Optional.ofNullable(environment.get(ENV_PROFILES_FILE)).filter(s -> !s.isBlank()).map(Path::of)
                .orElse(home.resolve(".kindling/profiles.yaml"));
        return new ProfilesFile(file, Files.isRegularFile(file) ? readYaml(file) : new ObjectMapper().createObjectNode());
    }

    /** One top-level section, e.g. {@code spark}; a missing node when absent. */
    public JsonNode section(String name) {
        return root.path(name);
    }

    private static JsonNode readYaml(Path file) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            return root == null ? new ObjectMapper().createObjectNode() : root;
        } catch (IOException e) {
            throw new MagicError(ErrorName.BAD_PROFILE, "cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
