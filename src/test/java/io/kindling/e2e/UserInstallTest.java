package io.kindling.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The installer's default ({@code --user}) mode writes where Jupyter itself looks when {@code HOME} is not the
 * account's home, as in containers, CI runners and JupyterHub spawners: asked afterwards with the same
 * environment, Debian's {@code jupyter_client} finds the kernelspec there.
 */
class UserInstallTest {
    @Test
    void installsUnderHomeWhereJupyterLooksEvenWhenHomeIsNotTheAccountsHome() throws Exception {
        Path work = Files.createDirectories(InstalledKernel.work().resolve("user-install"));
        Path home = Files.createTempDirectory(work, "home-");
        Path account = Files.createTempDirectory(work, "account-");

        String installed = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + account, "-cp", Path.of(System.getProperty("kindling.dist"), "lib") + "/*",
                "io.kindling.kernel.install.KernelspecInstaller", "--user", "--no-class-archive"), home);

        Path expected = home.resolve(".local/share/jupyter/kernels/kindling");
        assertThat(installed).contains("Installed kernelspec kindling in " + expected).contains("from $HOME");
        assertThat(expected.resolve("kernel.json")).isRegularFile();
        assertThat(account).isEmptyDirectory();
        JsonNode found = new ObjectMapper().readTree(run(InstalledKernel.python("-c",
                "import json; from jupyter_client.kernelspec import find_kernel_specs; print(json.dumps(find_kernel_specs()))"), home));
        assertThat(Path.of(found.get("kindling").asText()).toRealPath()).isEqualTo(expected.toRealPath());
    }

    /** Runs a command with HOME set and none of the variables that would take Jupyter's data directory elsewhere. */
    private static String run(List<String> command, Path home) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeAll(List.of("JUPYTER_DATA_DIR", "XDG_DATA_HOME", "JUPYTER_PATH"));
        env.put("HOME", home.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.strip();
    }
}
