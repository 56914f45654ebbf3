package io.kindling.kernel.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KernelspecInstallerTest {
    @TempDir
    Path temp;

    private Path distribution() throws IOException {
        Path dist = temp.resolve("dist");
        Files.createDirectories(dist.resolve("kernelspec"));
        Files.copy(Path.of("../kernelspec/kernel.json"), dist.resolve("kernelspec/kernel.json"));
        Files.copy(Path.of("../kernelspec/logo-64x64.png"), dist.resolve("kernelspec/logo-64x64.png"));
        return dist;
    }

    @Test
    void aRecordedClassArchiveIsMappedByEveryKernelStart() throws IOException {
        Path dist = distribution();
        Path archive = temp.resolve("kernels/kindling/kindling.jsa");

        Path installed = new KernelspecInstaller(dist, Path.of("/opt/jdk/bin/java")).install(temp.resolve("kernels"), Optional.of(archive));

        JsonNode spec = new ObjectMapper().readTree(installed.resolve("kernel.json").toFile());
        List<String> argv = new ArrayList<>();
        spec.get("argv").forEach(a -> argv.add(a.asText()));
        assertThat(argv).containsSubsequence("-XX:SharedArchiveFile=" + archive.toAbsolutePath(), "-cp", "io.kindling.kernel.Main");
        assertThat(new KernelspecInstaller(dist, Path.of("/opt/jdk/bin/java")).launchCommand())
                .noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void writesAKernelspecThatLaunchesThisDistributionWithSparkFlags() throws IOException {
        Path dist = distribution();

        Path installed = new KernelspecInstaller(dist, Path.of("/opt/jdk/bin/java")).install(temp.resolve("kernels"));

        assertThat(installed).isEqualTo(temp.resolve("kernels/kindling"));
        assertThat(installed.resolve("logo-64x64.png")).exists();
        JsonNode spec = new ObjectMapper().readTree(installed.resolve("kernel.json").toFile());
        List<String> argv = new ArrayList<>();
        spec.get("argv").forEach(a -> argv.add(a.asText()));
        assertThat(argv).startsWith("/bin/sh", "-c", "exec \"$0\" $KINDLING_JAVA_OPTS \"$@\"", "/opt/jdk/bin/java");
        assertThat(argv).contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "io.kindling.kernel.Main");
        assertThat(argv).containsSubsequence("-cp", dist.resolve("lib").toAbsolutePath() + "/*");
        assertThat(argv).endsWith("{connection_file}");
        assertThat(spec.get("display_name").asText()).isEqualTo("Java (Kindling)");
        assertThat(spec.get("interrupt_mode").asText()).isEqualTo("message");
    }

    @Test
    void installingTwiceReplacesTheEarlierInstall() throws IOException {
        Path dist = distribution();
        KernelspecInstaller installer = new KernelspecInstaller(dist, Path.of("/usr/bin/java"));

        installer.install(temp.resolve("kernels"));
        installer.install(temp.resolve("kernels"));

        assertThat(Files.list(temp.resolve("kernels"))).hasSize(1);
    }

    @Test
    void refusesSomethingThatIsNotADistribution() {
        assertThatThrownBy(() -> new KernelspecInstaller(temp, Path.of("java")).install(temp.resolve("k")))
                .hasMessageContaining("is not a Kindling distribution");
    }

    @Test
    void prefixModePointsIntoShareJupyterKernels() throws Exception {
        assertThat(KernelsDirectory.fromArguments(List.of("--prefix", "/tmp/p")))
                .isEqualTo(Path.of("/tmp/p/share/jupyter/kernels"));
        assertThatThrownBy(() -> KernelsDirectory.fromArguments(List.of("--nonsense")))
                .hasMessageContaining("unexpected arguments");
    }
}
