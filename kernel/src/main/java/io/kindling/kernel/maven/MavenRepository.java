package io.kindling.kernel.maven;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A remote repository to download from.
 *
 * <p>The id matters beyond display: the local repository records which repository id each file
 * came from, and only reuses a cached file offline for a session that lists the same id. Keep
 * Maven Central as {@code central} (what Maven uses) so files Maven already downloaded into
 * {@code ~/.m2/repository} are reused without network.
 *
 * @param id  a short name such as {@code central}; letters, digits, '.', '-' and '_'
 * @param url base URL of a Maven 2 layout repository: http, https or file
 */
public record MavenRepository(String id, String url) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final Set<String> SCHEMES = Set.of("http", "https", "file");

    /**
     * Maven Central's id and URL as Maven itself uses them. Declared after the fields its
     * validation reads, since static fields initialise in order.
     */
    public static final MavenRepository MAVEN_CENTRAL =
            new MavenRepository("central", "https://repo.maven.apache.org/maven2/");

    /** Rejects what the resolver would only reject later with a less readable message. */
    public MavenRepository {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Repository id '" + id
                    + "' may only contain letters, digits, '.', '-' and '_'");
        }
        String scheme;
        try {
            scheme = new URI(url).getScheme();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Repository '" + id + "' has an invalid URL '" + url
                    + "': " + e.getReason(), e);
        }
        if (scheme == null || !SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Repository '" + id + "' URL '" + url
                    + "' must start with http://, https:// or file:");
        }
    }

    @Override
    public String toString() {
        return id + " (" + url + ")";
    }
}
