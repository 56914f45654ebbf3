package io.kindling.magics.config;

import com.fasterxml.jackson.core.JsonPointer;
import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The profiles file every engine reads its own section of ({@code presto:}, {@code spark:}, {@code hive:}):
 * {@code $KINDLING_PROFILES}, or {@code ~/.kindling/profiles.yaml}. Nothing is read until a section is
 * asked for, and every request sees the file as it is now, so a fixed mistake needs no kernel restart;
 * a mistake fails only the engine whose section is asked for, with the file's line and column.
 * <pre>{@code
 * ProfilesFile profiles = ProfilesFile.of(System.getenv(), UserHome.of(System.getenv()));
 * ProfileSection spark = profiles.section("spark");   // an empty section when there is no file
 * }</pre>
 */
public final class ProfilesFile {
    public static final String ENV_PROFILES_FILE = "KINDLING_PROFILES";

    private final Path path;
    private final Object lock = new Object();
    /** The last content read and what it parsed to; guarded by {@link #lock}. */
    private byte[] lastContent;
    private LocatedYaml lastParsed;
    private String lastFailure;

    public ProfilesFile(Path path) {
        this.path = requireNonNull(path, "path is null");
    }

    /** The file the environment names, or the default one under {@code home}. */
    public static ProfilesFile of(Map<String, String> environment, Path home) {
        return new ProfilesFile(Optional.ofNullable(environment.get(ENV_PROFILES_FILE)).filter(s -> !s.isBlank()).map(Path::of)
                .orElse(home.resolve(".kindling/profiles.yaml")));
    }

    /** Where the file is (or would be). */
    public Path path() {
        return path;
    }

    /**
     * One top-level section, e.g. {@code spark}, as the file is now; empty when the file or the section is
     * absent. Fails ({@link ErrorName#BAD_PROFILE}, located) when the file is not valid YAML or the section
     * is not a mapping.
     */
    public ProfileSection section(String name) {
        return new ProfileSection(path, current(), JsonPointer.empty().appendProperty(requireNonNull(name, "name is null")));
    }

    /**
     * Reads the file on every call and parses it only when its bytes changed: the file is small, and a
     * modification time can miss an edit that keeps the size within the file system's clock tick.
     */
    private LocatedYaml current() {
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return LocatedYaml.empty();
        } catch (IOException e) {
            throw new MagicError(ErrorName.BAD_PROFILE, "cannot read the profiles file " + path + ": " + e.getMessage());
        }
        synchronized (lock) {
            if (!Arrays.equals(content, lastContent)) {
                lastContent = content;
                try {
                    lastParsed = LocatedYaml.parse(path, content);
                    lastFailure = null;
                } catch (MagicError e) {
                    lastParsed = null;
                    // Kept as text: each cell gets its own exception, with its own stack.
                    lastFailure = e.getMessage();
                }
            }
            if (lastFailure != null) {
                throw new MagicError(ErrorName.BAD_PROFILE, lastFailure);
            }
            if (!lastParsed.root().isObject()) {
                throw new MagicError(ErrorName.BAD_PROFILE, LocatedYaml.located(path, lastParsed.position(JsonPointer.empty()))
                        + "the profiles file must be a mapping of sections such as presto: and spark:");
            }
            return lastParsed;
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
