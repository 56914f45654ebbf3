package io.kindling.kernel.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Where Jupyter looks for kernelspecs, for each of the installer's modes. */
final class KernelsDirectory {
    private KernelsDirectory() {
    }

    static Path fromArguments(List<String> args) throws IOException, InterruptedException {
        if (args.isEmpty() || args.equals(List.of("--user"))) {
            return user();
        }
        if (args.equals(List.of("--sys-prefix"))) {
            return sysPrefix();
        }
        if (args.size() == 2 && args.get(0).equals("--prefix")) {
            return Path.of(args.get(1)).toAbsolutePath().resolve("share/jupyter/kernels");
        }
        throw new IllegalArgumentException("unexpected arguments " + args);
    }

    /** Jupyter's user data directory: {@code $JUPYTER_DATA_DIR}, else the XDG location on Linux. */
    static Path user() {
        Optional<String> dataDir = Optional.ofNullable(System.getenv("JUPYTER_DATA_DIR"));
        if (dataDir.isPresent()) {
            return Path.of(dataDir.get(), "kernels");
        }
        String xdg = Optional.ofNullable(System.getenv("XDG_DATA_HOME"))
                .orElse(System.getProperty("user.home") + "/.local/share");
        return Path.of(xdg, "jupyter", "kernels");
    }

    /** {@code <sys.prefix>/share/jupyter/kernels} of the Python that runs the {@code jupyter} command. */
    static Path sysPrefix() throws IOException, InterruptedException {
        String python = jupyterPython();
        Process process = new ProcessBuilder(python, "-c", "import sys; print(sys.prefix)").redirectErrorStream(true).start();
        String prefix = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("could not ask " + python + " for sys.prefix: " + prefix);
        }
        return Path.of(prefix, "share", "jupyter", "kernels");
    }

    private static String jupyterPython() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path jupyter = Path.of(dir, "jupyter");
            if (Files.isRegularFile(jupyter)) {
                String firstLine = Files.readAllLines(jupyter, StandardCharsets.UTF_8).stream().findFirst().orElse("");
                if (firstLine.startsWith("#!")) {
                    return firstLine.substring(2).strip().split("\\s+")[0];
                }
            }
        }
        throw new IOException("no 'jupyter' command on PATH; install Jupyter first or use --user or --prefix");
    }
}
