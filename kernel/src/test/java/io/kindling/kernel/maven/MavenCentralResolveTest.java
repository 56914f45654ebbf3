package io.kindling.kernel.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: downloads from Maven Central into an empty local repository, so the test does
 * not depend on (or pollute) {@code ~/.m2}. Needs network access to Maven Central.
 */
class MavenCentralResolveTest {

    private static final MavenCoordinates COMMONS_TEXT = MavenCoordinates.parse("org.apache.commons:commons-text:1.12.0");

    @TempDir
    Path localRepository;

    @Test
    void resolvesArtifactWithItsTransitiveDependencyThenWorksOffline() throws Exception {
        List<Path> files;
        try (ArtifactResolver resolver = new ArtifactResolver(localRepository, List.of(MavenRepository.MAVEN_CENTRAL))) {
            files = resolver.resolve(List.of(COMMONS_TEXT));
        }

        assertThat(files).extracting(file -> file.getFileName().toString())
                .containsExactly("commons-text-1.12.0.jar", "commons-lang3-3.14.0.jar");
        assertThat(files).allSatisfy(file -> assertThat(file).isRegularFile().startsWith(localRepository));

        // Central unreachable (same id, dead URL): the cached files must still resolve.
        try (RefusingPort refusing = new RefusingPort();
             ArtifactResolver offline = new ArtifactResolver(localRepository,
                     List.of(new MavenRepository("central", "http://127.0.0.1:" + refusing.port() + "/")))) {
            assertThat(offline.resolve(List.of(COMMONS_TEXT))).isEqualTo(files);
        }
    }

    @Test
    void nonexistentArtifactNamesTheCoordinate() {
        MavenCoordinates missing = MavenCoordinates.parse("io.kindling.nonexistent:no-such-artifact:0.0.1");

        try (ArtifactResolver resolver = new ArtifactResolver(localRepository, List.of(MavenRepository.MAVEN_CENTRAL))) {
            assertThatThrownBy(() -> resolver.resolve(List.of(missing)))
                    .isInstanceOfSatisfying(ArtifactResolutionFailure.class, failure -> {
                        assertThat(failure.reason()).isEqualTo(ArtifactResolutionFailure.Reason.NOT_FOUND);
                        assertThat(failure.coordinate()).isEqualTo(missing.toString());
                        assertThat(failure.getMessage()).startsWith(
                                "Cannot resolve io.kindling.nonexistent:no-such-artifact:0.0.1: it was not found in "
                                + MavenRepository.MAVEN_CENTRAL);
                    });
        }
    }
}
