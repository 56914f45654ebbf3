package io.kindling.kernel.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MavenRepositoryTest {

    @Test
    void mavenCentralUsesTheIdMavenUsesSoItsCacheIsShared() {
        assertThat(MavenRepository.MAVEN_CENTRAL.id()).isEqualTo("central");
        assertThat(MavenRepository.MAVEN_CENTRAL.url()).startsWith("https://");
    }

    @Test
    void acceptsHttpHttpsAndFileUrls() {
        assertThat(new MavenRepository("company", "https://repo.example.org/maven2/").toString())
                .isEqualTo("company (https://repo.example.org/maven2/)");
        assertThat(new MavenRepository("local-http", "http://127.0.0.1:8081/repo/").url()).isEqualTo("http://127.0.0.1:8081/repo/");
        assertThat(new MavenRepository("dir", "file:///tmp/repo/").url()).isEqualTo("file:///tmp/repo/");
    }

    @Test
    void rejectsUnusableIdsAndUrls() {
        assertThatThrownBy(() -> new MavenRepository("my repo", "https://example.org/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Repository id 'my repo'");
        assertThatThrownBy(() -> new MavenRepository("r", "example.org/maven2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with http://, https:// or file:");
        assertThatThrownBy(() -> new MavenRepository("r", "https://exa mple.org/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid URL");
    }
}
