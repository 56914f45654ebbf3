package io.kindling.magics.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UserHomeTest {
    @Test
    void homeFromTheEnvironmentWinsOverJavasUserHome() {
        assertThat(UserHome.of(Map.of("HOME", "/tmp/elsewhere"), "/home/alice")).isEqualTo(Path.of("/tmp/elsewhere"));
    }

    @Test
    void javasUserHomeWhenHomeIsUnsetOrBlank() {
        assertThat(UserHome.of(Map.of(), "/home/alice")).isEqualTo(Path.of("/home/alice"));
        assertThat(UserHome.of(Map.of("HOME", " "), "/home/alice")).isEqualTo(Path.of("/home/alice"));
    }

    @Test
    void aTildeExpandsUnderHomeAndOtherPathsStayAsTheyAre() {
        Map<String, String> env = Map.of("HOME", "/tmp/elsewhere");
        assertThat(UserHome.expandTilde("~/jars/a.jar", env)).isEqualTo("/tmp/elsewhere/jars/a.jar");
        assertThat(UserHome.expandTilde("/opt/a.jar", env)).isEqualTo("/opt/a.jar");
        assertThat(UserHome.expandTilde("~alice/a.jar", env)).isEqualTo("~alice/a.jar");
    }
}
