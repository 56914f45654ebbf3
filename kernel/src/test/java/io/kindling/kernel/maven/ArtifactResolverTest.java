package io.kindling.kernel.maven;

import static io.kindling.kernel.maven.FakeRemoteRepository.dependency;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resolution rules against a repository on disk: fast and without network. The Maven Central
 * round trip is in {@link MavenCentralResolveTest}.
 */
class ArtifactResolverTest {

    @TempDir
    Path remoteDir;

    @TempDir
    Path localRepository;

    private FakeRemoteRepository remote;

    @BeforeEach
    void publishArtifacts() {
        String exclusion = "<exclusions><exclusion><groupId>test</groupId>"
                + "<artifactId>excluded</artifactId></exclusion></exclusions>";
        remote = new FakeRemoteRepository(remoteDir)
                .publish("test", "app", "1.0",
                        dependency("test", "lib", "1.0", "")
                        + dependency("test", "rt", "1.0", "<scope>runtime</scope>" + exclusion)
                        + dependency("test", "testonly", "1.0", "<scope>test</scope>")
                        + dependency("test", "prov", "1.0", "<scope>provided</scope>")
                        + dependency("test", "opt", "1.0", "<optional>true</optional>")
                        + dependency("test", "sys", "1.0",
                                "<scope>system</scope><systemPath>${java.home}/lib/modules</systemPath>"))
                .publish("test", "lib", "1.0",
                        dependency("test", "rt", "2.0", "") + dependency("test", "leaf", "1.0", ""))
                .publish("test", "rt", "1.0",
                        dependency("test", "excluded", "1.0", "") + dependency("test", "leaf", "1.0", ""))
                .publish("test", "rt", "2.0", "")
                .publish("test", "leaf", "1.0", "")
                .publish("test", "excluded", "1.0", "")
                .publish("test", "testonly", "1.0", "")
                .publish("test", "prov", "1.0", "")
                .publish("test", "opt", "1.0", "")
                .publish("test", "bundle", "1.0", "pom", dependency("test", "leaf", "1.0", ""))
                .publish("test", "native", "1.0", "")
                .attach("test", "native", "1.0", "linux")
                .publish("test", "broken", "1.0", dependency("test", "lib", "1.0", "")
                        + dependency("test", "ghost", "9.9", ""))
                .publishChild("test", "orphan", "1.0", "test:lost-parent:1.0")
                .publish("test", "ranged", "1.1", "")
                .publish("test", "ranged", "2.0", "")
                .versions("test", "ranged", "1.1", "2.0");
    }

    @Test
    void resolvesRuntimeClassPathWithMavenRules() throws Exception {
        List<Path> files = resolve("test:app:1.0");

        // testonly, prov, opt and sys are left out, excluded is excluded, rt 1.0 (nearest) beats 2.0,
        // leaf (wanted by lib and rt) appears once; requested artifact first, then level by level.
        assertThat(fileNames(files)).containsExactly(
                "app-1.0.jar", "lib-1.0.jar", "rt-1.0.jar", "leaf-1.0.jar");
        assertThat(files).allSatisfy(file -> {
            assertThat(file).isRegularFile();
            assertThat(file).startsWith(localRepository);
        });
    }

    @Test
    void orderIsStableAndDuplicatesAreDropped() throws Exception {
        List<Path> first = resolve("test:leaf:1.0", "test:app:1.0", "test:leaf:1.0");
        List<Path> second = resolve("test:leaf:1.0", "test:app:1.0");

        assertThat(fileNames(first)).containsExactly(
                "leaf-1.0.jar", "app-1.0.jar", "lib-1.0.jar", "rt-1.0.jar");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void pomArtifactContributesItsDependenciesOnly() throws Exception {
        assertThat(fileNames(resolve("test:bundle:pom:1.0"))).containsExactly("leaf-1.0.jar");
    }

    @Test
    void resolvesClassifiedArtifact() throws Exception {
        assertThat(fileNames(resolve("test:native:jar:linux:1.0"))).containsExactly("native-1.0-linux.jar");
    }

    @Test
    void emptyRequestResolvesToNothing() throws Exception {
        assertThat(resolve()).isEmpty();
    }

    @Test
    void missingArtifactNamesTheCoordinateAndTheRepository() {
        assertThatThrownBy(() -> resolve("test:nope:1.0"))
                .isInstanceOfSatisfying(ArtifactResolutionFailure.class, failure -> {
                    assertThat(failure.reason()).isEqualTo(ArtifactResolutionFailure.Reason.NOT_FOUND);
                    assertThat(failure.coordinate()).isEqualTo("test:nope:1.0");
                    assertThat(failure.getMessage())
                            .startsWith("Cannot resolve test:nope:1.0: it was not found in fake (file:")
                            .contains("Check the group, artifact and version");
                });
    }

    @Test
    void missingTransitiveDependencyNamesBothTheRequestAndTheMissingArtifact() {
        assertThatThrownBy(() -> resolve("test:leaf:1.0", "test:broken:1.0"))
                .isInstanceOfSatisfying(ArtifactResolutionFailure.class, failure -> {
                    assertThat(failure.reason()).isEqualTo(ArtifactResolutionFailure.Reason.NOT_FOUND);
                    assertThat(failure.coordinate()).isEqualTo("test:broken:1.0");
                    assertThat(failure.getMessage())
                            .startsWith("Cannot resolve test:broken:1.0: its dependency test:ghost:9.9"
                                    + " was not found in fake");
                });
    }

    @Test
    void versionRangePicksTheHighestMatchingVersion() throws Exception {
        assertThat(fileNames(resolve("test:ranged:[1.0,2.0)"))).containsExactly("ranged-1.1.jar");
    }

    @Test
    void emptyVersionRangeIsNotFound() {
        assertThatThrownBy(() -> resolve("test:ranged:[3.0,)"))
                .isInstanceOfSatisfying(ArtifactResolutionFailure.class, failure -> {
                    assertThat(failure.reason()).isEqualTo(ArtifactResolutionFailure.Reason.NOT_FOUND);
                    assertThat(failure.getMessage()).startsWith(
                            "Cannot resolve test:ranged:[3.0,): it has no version in the range [3.0,) in fake (file:");
                });
    }

    @Test
    void missingParentPomIsReportedInsteadOfSilentlyDroppingDependencies() {
        assertThatThrownBy(() -> resolve("test:orphan:1.0"))
                .isInstanceOfSatisfying(ArtifactResolutionFailure.class, failure -> {
                    assertThat(failure.reason()).isEqualTo(ArtifactResolutionFailure.Reason.NOT_FOUND);
                    assertThat(failure.getMessage()).startsWith(
                            "Cannot resolve test:orphan:1.0: it needs test:lost-parent:pom:1.0, which was not found in fake");
                });
    }

    @Test
    void unreachableRepositoryIsReportedAsNetworkProblem() throws IOException {
        try (RefusingPort refusing = new RefusingPort()) {
            String url = "http://127.0.0.1:" + refusing.port() + "/maven2/";
            assertReportedAsNetworkProblem(url);
        }
    }

    private void assertReportedAsNetworkProblem(String url) {
        try (ArtifactResolver resolver = new ArtifactResolver(localRepository,
                List.of(new MavenRepository("down", url)))) {
            assertThatThrownBy(() -> resolver.resolve(List.of(MavenCoordinates.parse("test:app:1.0"))))
                    .isInstanceOfSatisfying(ArtifactResolutionFailure.class, failure -> {
                        assertThat(failure.reason()).isEqualTo(ArtifactResolutionFailure.Reason.NETWORK);
                        assertThat(failure.coordinate()).isEqualTo("test:app:1.0");
                        assertThat(failure.getMessage())
                                .startsWith("Cannot resolve test:app:1.0: it could not be downloaded from down ("
                                        + url + "): ")
                                .contains("Check the network connection")
                                .contains(localRepository.toString());
                    });
        }
    }

    @Test
    void cachedArtifactsResolveWithoutTheRemoteRepository() throws Exception {
        List<Path> online = resolve("test:app:1.0");
        // Same repository id, server gone: everything must come from the local repository.
        try (RefusingPort refusing = new RefusingPort();
             ArtifactResolver offline = new ArtifactResolver(localRepository,
                List.of(new MavenRepository("fake", "http://127.0.0.1:" + refusing.port() + "/maven2/")))) {
            assertThat(offline.resolve(List.of(MavenCoordinates.parse("test:app:1.0")))).isEqualTo(online);
        }
    }

    @Test
    void printsNothingToTheConsole() throws Exception {
        // Warm up first: a logging backend may print its own start-up notice when first used,
        // which is the kernel's logging configuration, not resolver output.
        resolve("test:leaf:1.0");
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true);
        try {
            System.setOut(capture);
            System.setErr(capture);
            resolve("test:lib:1.0");
            assertThatThrownBy(() -> resolve("test:nope:1.0")).isInstanceOf(ArtifactResolutionFailure.class);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(captured.toString()).isEmpty();
    }

    @Test
    void rejectsDuplicateRepositoryIds() {
        MavenRepository one = remote.asRepository("same");
        assertThatThrownBy(() -> new ArtifactResolver(localRepository, List.of(one, one)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'same' is used more than once");
    }

    private List<Path> resolve(String... coordinates) throws ArtifactResolutionFailure {
        try (ArtifactResolver resolver = new ArtifactResolver(localRepository, List.of(remote.asRepository("fake")))) {
            return resolver.resolve(java.util.Arrays.stream(coordinates).map(MavenCoordinates::parse).toList());
        }
    }

    private static List<String> fileNames(List<Path> files) {
        return files.stream().map(file -> file.getFileName().toString()).toList();
    }
}
