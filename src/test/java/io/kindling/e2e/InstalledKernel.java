package io.kindling.e2e;

import io.kindling.magics.presto.LocalTrino;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built kernel distribution, installed as a kernelspec under a test prefix with the installer users
 * run, so every Jupyter client in these tests starts the kernel exactly as JupyterLab would.
 */
final class InstalledKernel {
    private static InstalledKernel installed;

    private final Path jupyterPath;

    private InstalledKernel(Path jupyterPath) {
        this.jupyterPath = jupyterPath;
    }

    /** Installs once per test JVM. */
    static synchronized InstalledKernel get() throws IOException, InterruptedException {
        if (installed == null) {
            Path dist = Path.of(System.getProperty("kindling.dist"));
            Path prefix = work().resolve("prefix");
            Process installer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", dist.resolve("lib") + "/*", "io.kindling.kernel.install.KernelspecInstaller",
                    "--prefix", prefix.toString())
                    .redirectErrorStream(true)
                    .start();
            String log = new String(installer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!installer.waitFor(60, TimeUnit.SECONDS) || installer.exitValue() != 0) {
                throw new IllegalStateException("kernelspec install failed: " + log);
            }
            installed = new InstalledKernel(prefix.resolve("share/jupyter"));
        }
        return installed;
    }

    static Path work() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("kindling.work")));
    }

    /**
     * A profiles file in the work directory whose only {@code %%presto} profile, {@code local}, is the local Trino's
     * {@code tpch.tiny}, followed by {@code moreYaml} (other top-level sections).
     */
    static Path profilesWithLocalTrino(String fileName, String moreYaml) throws IOException {
        Path profiles = work().resolve(fileName);
        Files.writeString(profiles, """
                presto:
                  profiles:
                    local:
                      server: %s
                      catalog: tpch
                      schema: tiny
                      user: kindling-e2e
                """.formatted(LocalTrino.url()) + moreYaml);
        return profiles;
    }

    /** Environment for Python Jupyter tools so they find only this kernelspec's install. */
    Map<String, String> environment() {
        return Map.of("JUPYTER_PATH", jupyterPath.toString(), "PYTHONUNBUFFERED", "1");
    }

    /** Debian's interpreter: the one that has jupyter_client, nbclient and jupyter_kernel_test. */
    static List<String> python(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/python3"));
        command.addAll(List.of(args));
        return command;
    }

    static Path pythonDir() {
        return Path.of(System.getProperty("kindling.python.dir"));
    }
}
