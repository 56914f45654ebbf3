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
import java.util.Map;
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
        assertThat(argv).startsWith("/bin/sh", "-c");
        assertThat(argv.get(2)).startsWith("exec \"$0\" -XX:Tier4InvocationThreshold=50000 ")
                .endsWith(" $KINDLING_JAVA_OPTS \"$@\"");
        assertThat(argv.get(3)).isEqualTo("/opt/jdk/bin/java");
        assertThat(argv).contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "io.kindling.kernel.Main");
        assertThat(argv).containsSubsequence("-cp", dist.resolve("lib").toAbsolutePath() + "/*");
        assertThat(argv).endsWith("{connection_file}");
        assertThat(spec.get("display_name").asText()).isEqualTo("Java (Kindling)");
        assertThat(spec.get("interrupt_mode").asText()).isEqualTo("message");
    }

    @Test
    void aJitValueInKindlingJavaOptsWinsOverTheKernelsDefault() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder launch = new ProcessBuilder("/bin/sh", "-c", KernelspecInstaller.LAUNCH_SCRIPT, java,
                "-XX:+PrintFlagsFinal", "-version").redirectErrorStream(true);
        launch.environment().put("KINDLING_JAVA_OPTS", "-XX:Tier4InvocationThreshold=5000");
        Process jvm = launch.start();
        String flags = new String(jvm.getInputStream().readAllBytes());

        assertThat(jvm.waitFor()).isZero();
        assertThat(flags).containsPattern("Tier4InvocationThreshold += 5000 ")
                .containsPattern("Tier4CompileThreshold += 150000 ");
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
        assertThat(KernelsDirectory.fromArguments(List.of("--prefix", "/tmp/p")).path())
                .isEqualTo(Path.of("/tmp/p/share/jupyter/kernels"));
        assertThatThrownBy(() -> KernelsDirectory.fromArguments(List.of("--nonsense")))
                .hasMessageContaining("unexpected arguments");
    }

    @Test
    void theUserDirectoryFollowsHomeNotTheAccountsHomeAsJupyterDoes() {
        assertThat(KernelsDirectory.user(Map.of("HOME", "/ci/home"), "Linux", "/home/account"))
                .isEqualTo(new KernelsDirectory.Resolved(Path.of("/ci/home/.local/share/jupyter/kernels"), "$HOME"));
        assertThat(KernelsDirectory.user(Map.of(), "Linux", "/home/account").path())
                .isEqualTo(Path.of("/home/account/.local/share/jupyter/kernels"));
        assertThat(KernelsDirectory.user(Map.of("HOME", "/ci/home"), "Mac OS X", "/Users/account").path())
                .isEqualTo(Path.of("/ci/home/Library/Jupyter/kernels"));
    }

    @Test
    void jupyterDataDirThenXdgDataHomeWinOverHomeAndEmptyValuesCountAsUnset() {
        Map<String, String> xdg = Map.of("HOME", "/ci/home", "XDG_DATA_HOME", "/xdg");
        assertThat(KernelsDirectory.user(xdg, "Linux", "/home/account"))
                .isEqualTo(new KernelsDirectory.Resolved(Path.of("/xdg/jupyter/kernels"), "$XDG_DATA_HOME"));
        // jupyter_core ignores XDG_DATA_HOME on macOS.
        assertThat(KernelsDirectory.user(xdg, "Mac OS X", "/Users/account").path())
                .isEqualTo(Path.of("/ci/home/Library/Jupyter/kernels"));
        Map<String, String> dataDir = Map.of("HOME", "/ci/home", "XDG_DATA_HOME", "/xdg", "JUPYTER_DATA_DIR", "/data");
        assertThat(KernelsDirectory.user(dataDir, "Linux", "/home/account"))
                .isEqualTo(new KernelsDirectory.Resolved(Path.of("/data/kernels"), "$JUPYTER_DATA_DIR"));
        assertThat(KernelsDirectory.user(Map.of("HOME", "/ci/home", "XDG_DATA_HOME", "", "JUPYTER_DATA_DIR", ""), "Linux", "/x").path())
                .isEqualTo(Path.of("/ci/home/.local/share/jupyter/kernels"));
    }

    @Test
    void onWindowsTheUserDirectoryIsUnderAppData() {
        assertThat(KernelsDirectory.user(Map.of("APPDATA", "/appdata", "USERPROFILE", "/profile"), "Windows 11", "/x").path())
                .isEqualTo(Path.of("/appdata/jupyter/kernels"));
        assertThat(KernelsDirectory.user(Map.of("USERPROFILE", "/profile"), "Windows 11", "/x").path())
                .isEqualTo(Path.of("/profile/.jupyter/data/kernels"));
    }
}
