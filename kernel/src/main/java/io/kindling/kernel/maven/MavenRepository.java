package io.kindling.kernel.maven;

import org.apache.maven.model.Repository;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;

import java.io.IOException;
import java.io.InputStream;
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
    private static final String SUPER_POM = "org/apache/maven/model/pom-4.0.0.xml";

    /**
     * Maven Central's id and URL as Maven itself uses them, read from Maven's built-in super POM so
     * there is one source for them. Declared after the fields its validation reads, since static
     * fields initialise in order.
     */
    public static final MavenRepository MAVEN_CENTRAL = centralFromSuperPom();

    private static MavenRepository centralFromSuperPom() {
        try (InputStream superPom = MavenXpp3Reader.class.getClassLoader().getResourceAsStream(SUPER_POM)) {
            if (superPom == null) {
                throw new IllegalStateException("Maven's super POM " + SUPER_POM + " is not on the class path");
            }
            Repository central = new MavenXpp3Reader().read(superPom).getRepositories().stream()
                    .filter(r -> r.getId().equals("central"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("Maven's super POM declares no 'central' repository"));
            String url = central.getUrl();
            return new MavenRepository(central.getId(), url.endsWith("/") ? url : url + "/");
        } catch (IOException | XmlPullParserException e) {
            throw new IllegalStateException("cannot read Maven's super POM " + SUPER_POM, e);
        }
    }

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
