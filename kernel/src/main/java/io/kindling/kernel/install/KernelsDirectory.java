package io.kindling.kernel.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Where Jupyter looks for kernelspecs, for each of the installer's modes. */
final class KernelsDirectory {
    private KernelsDirectory() {
    }

    static Resolved fromArguments(List<String> args) throws IOException, InterruptedException {
        if (args.isEmpty() || args.equals(List.of("--user"))) {
            Resolved user = user(System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
            return new Resolved(user.path(), "Jupyter's user data directory, from " + user.source());
        }
        if (args.equals(List.of("--sys-prefix"))) {
            return new Resolved(sysPrefix(), "the sys.prefix of the Python that runs jupyter");
        }
        if (args.size() == 2 && args.get(0).equals("--prefix")) {
            return new Resolved(Path.of(args.get(1)).toAbsolutePath().resolve("share/jupyter/kernels"), "--prefix");
        }
        throw new IllegalArgumentException("unexpected arguments " + args);
    }

    /** A kernels directory and what decided it, for the installer to print. */
    record Resolved(Path path, String source) {
    }

    /**
     * Jupyter's user data directory plus {@code kernels}, exactly as {@code jupyter_core.paths.jupyter_data_dir}
     * finds it: {@code $JUPYTER_DATA_DIR} when set and not empty; else on macOS {@code ~/Library/Jupyter}, on
     * Windows {@code %APPDATA%\jupyter} (or {@code ~/.jupyter/data}), elsewhere {@code $XDG_DATA_HOME/jupyter}
     * with {@code ~/.local/share} when unset. {@code ~} is Python's: {@code $HOME} when set, which containers,
     * CI runners and JupyterHub spawners often point away from the account's home ({@code user.home}).
     */
    static Resolved user(Map<String, String> env, String osName, String userHome) {
        String dataDir = env.get("JUPYTER_DATA_DIR");
        if (dataDir != null && !dataDir.isEmpty()) {
            return new Resolved(Path.of(dataDir, "kernels"), "$JUPYTER_DATA_DIR");
        }
        boolean windows = osName.startsWith("Windows");
        String homeVariable = windows ? "USERPROFILE" : "HOME";
        String home = env.get(homeVariable);
        boolean homeFromEnv = home != null && !home.isEmpty();
        String homeSource = homeFromEnv ? "$" + homeVariable : "user.home";
        Path homeDir = Path.of(homeFromEnv ? home : userHome);
        if (osName.startsWith("Mac") || osName.startsWith("Darwin")) {
            return new Resolved(homeDir.resolve("Library/Jupyter/kernels"), homeSource);
        }
        if (windows) {
            String appData = env.get("APPDATA");
            if (appData != null && !appData.isEmpty()) {
                return new Resolved(Path.of(appData, "jupyter", "kernels"), "%APPDATA%");
            }
            String configDir = env.get("JUPYTER_CONFIG_DIR");
            return configDir != null && !configDir.isEmpty()
                    ? new Resolved(Path.of(configDir, "data", "kernels"), "%JUPYTER_CONFIG_DIR%")
                    : new Resolved(homeDir.resolve(".jupyter").resolve("data").resolve("kernels"), homeSource);
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return new Resolved(Path.of(xdg, "jupyter", "kernels"), "$XDG_DATA_HOME");
        }
        return new Resolved(homeDir.resolve(".local/share/jupyter/kernels"), homeSource);
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
