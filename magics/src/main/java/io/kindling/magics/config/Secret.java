package io.kindling.magics.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Where a password or token comes from: an environment variable or a file, never the notebook or the
 * profiles file. {@link #toString()} names the source, never the value.
 */
public final class Secret {
    private final String source;
    private final Function<Map<String, String>, String> reader;

    private Secret(String source, Function<Map<String, String>, String> reader) {
        this.source = source;
        this.reader = reader;
    }

    public static Secret fromEnvironment(String variable) {
        requireNonNull(variable, "variable is null");
        return new Secret("environment variable " + variable, env -> {
            String value = env.get(variable);
            if (value == null || value.isEmpty()) {
                throw new IllegalStateException("environment variable " + variable + " is not set");
            }
            return value;
        });
    }

    public static Secret fromFile(Path file) {
        requireNonNull(file, "file is null");
        return new Secret("file " + file, env -> {
            try {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file + ": " + e.getClass().getSimpleName());
            }
        });
    }

    /** The secret's value, read now (so rotated tokens are picked up). */
    public String reveal(Map<String, String> environment) {
        return reader.apply(environment);
    }

    @Override
    public String toString() {
        return "<from " + source + ">";
    }
}
