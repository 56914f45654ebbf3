package io.kindling.kernel.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MavenCoordinatesTest {

    @Test
    void parsesGroupArtifactVersionAsJar() {
        MavenCoordinates c = MavenCoordinates.parse("org.apache.commons:commons-text:1.12.0");

        assertThat(c).isEqualTo(new MavenCoordinates("org.apache.commons", "commons-text", "jar", "", "1.12.0"));
        assertThat(c).isEqualTo(MavenCoordinates.of("org.apache.commons", "commons-text", "1.12.0"));
    }

    @Test
    void parsesExtension() {
        MavenCoordinates c = MavenCoordinates.parse("org.example:bundle:pom:2.0");

        assertThat(c.extension()).isEqualTo("pom");
        assertThat(c.classifier()).isEmpty();
        assertThat(c.version()).isEqualTo("2.0");
    }

    @Test
    void parsesExtensionAndClassifier() {
        MavenCoordinates c = MavenCoordinates.parse("io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.1.100.Final");

        assertThat(c).isEqualTo(new MavenCoordinates(
                "io.netty", "netty-transport-native-epoll", "jar", "linux-x86_64", "4.1.100.Final"));
    }

    @Test
    void ignoresSurroundingWhitespaceAndAcceptsVersionRanges() {
        assertThat(MavenCoordinates.parse("  g:a:[1.0,2.0)\t").version()).isEqualTo("[1.0,2.0)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"g:a:1", "g:a:zip:1", "g:a:jar:tests:1", "g:a:pom:1-SNAPSHOT"})
    void toStringIsTheShortestFormThatParsesBack(String text) {
        MavenCoordinates c = MavenCoordinates.parse(text);

        assertThat(c.toString()).isEqualTo(text);
        assertThat(MavenCoordinates.parse(c.toString())).isEqualTo(c);
    }

    @Test
    void namesTheInputAndTheExpectedShapeWhenPartsAreMissing() {
        assertThatThrownBy(() -> MavenCoordinates.parse("foo:bar"))
                .isInstanceOf(MalformedCoordinatesException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'foo:bar' is not a Maven coordinate: expected group:artifact")
                .hasMessageContaining(":version")
                .hasMessageContaining("found 2 parts");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a:b:c:d:e:f        | found 6 parts",
        "justtext           | found 1 part",
        "g::1               | artifact is empty",
        "g:a:               | version is empty",
        ":a:1               | group is empty",
        "g:a:jar::1         | classifier is empty",
        "g:a:jar:x*y:1      | classifier 'x*y' may only contain",
        "g:a::1             | extension is empty",
        "'org.ex ample:a:1' | group 'org.ex ample' may only contain letters, digits",
        "g:a/b:1            | artifact 'a/b' may only contain",
        "g:a:1/../2         | version '1/../2' must not contain",
    })
    void explainsWhatIsWrong(String input, String problem) {
        assertThatThrownBy(() -> MavenCoordinates.parse(input))
                .isInstanceOf(MalformedCoordinatesException.class)
                .hasMessageStartingWith("'" + input + "' is not a Maven coordinate: ")
                .hasMessageContaining(problem)
                .extracting(e -> ((MalformedCoordinatesException) e).input())
                .isEqualTo(input);
    }

    @Test
    void rejectsBlankInput() {
        assertThatThrownBy(() -> MavenCoordinates.parse("   "))
                .isInstanceOf(MalformedCoordinatesException.class)
                .hasMessageContaining("it is empty");
    }

    @Test
    void constructorValidatesToo() {
        assertThatThrownBy(() -> new MavenCoordinates("g", "a b", "jar", "", "1"))
                .isInstanceOf(MalformedCoordinatesException.class)
                .hasMessageContaining("artifact 'a b'");
        assertThatThrownBy(() -> new MavenCoordinates("g", "a", "jar", null, "1"))
                .isInstanceOf(NullPointerException.class);
    }
}
