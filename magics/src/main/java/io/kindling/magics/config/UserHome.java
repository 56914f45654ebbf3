package io.kindling.magics.config;

import java.nio.file.Path;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The user's home directory as the shell, Jupyter and {@code local/*.sh} see it: {@code $HOME}, else Java's
 * {@code user.home}. They differ where HOME is set elsewhere (containers, CI runners, JupyterHub spawners):
 * Java takes {@code user.home} from the password database, so files under it would not be the ones the
 * scripts and Jupyter write, and it may not even be writable.
 * <pre>
 * Path profiles = UserHome.of(System.getenv()).resolve(".kindling/profiles.yaml");
 * </pre>
 */
public final class UserHome {
    private UserHome() {
    }

    /** {@code $HOME} from {@code environment} when set and not blank, else this JVM's {@code user.home}. */
    public static Path of(Map<String, String> environment) {
        return of(environment, System.getProperty("user.home"));
    }

    static Path of(Map<String, String> environment, String userHome) {
        String home = requireNonNull(environment, "environment is null").get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : requireNonNull(userHome, "userHome is null"));
    }

    /** {@code ~/rest} under {@link #of the home}; any other text unchanged. */
    public static String expandTilde(String text, Map<String, String> environment) {
        return text.startsWith("~/") ? of(environment).resolve(text.substring(2)).toString() : text;
    }
}
