package io.kindling.magics.presto;

import io.kindling.magics.config.ProfilesFile;
import io.kindling.magics.config.UserHome;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * What {@code %%presto} cells of one kernel share: where profiles come from, the profile chosen with
 * {@code %presto --use}, and the completion cache. Profiles are read for every cell (parsed again only
 * when the file changed) so edits to the profiles file apply without a restart.
 */
public final class PrestoSession {
    private final Map<String, String> environment;
    private final ProfilesFile file;
    private final AtomicReference<String> chosenProfile = new AtomicReference<>();
    private final SchemaCache schemas = new SchemaCache();

    public PrestoSession(Map<String, String> environment, Path home) {
        this.environment = Map.copyOf(environment);
        this.file = ProfilesFile.of(environment, requireNonNull(home, "home is null"));
    }

    /** The session for this process: its environment and the user's home directory. */
    public static PrestoSession fromProcess() {
        return new PrestoSession(System.getenv(), UserHome.of(System.getenv()));
    }

    public TrinoProfiles profiles() {
        return TrinoProfiles.load(file, environment);
    }

    /** The named profile, else the one chosen with {@code %presto --use}, else the default. */
    TrinoProfile profile(Optional<String> name) {
        return profiles().resolve(name.or(() -> Optional.ofNullable(chosenProfile.get())));
    }

    void use(String profileName) {
        profiles().resolve(Optional.of(profileName));
        chosenProfile.set(profileName);
    }

    Optional<String> chosen() {
        return Optional.ofNullable(chosenProfile.get());
    }

    TrinoConnector connector() {
        return new TrinoConnector(environment);
    }

    SchemaCache schemas() {
        return schemas;
    }
}
