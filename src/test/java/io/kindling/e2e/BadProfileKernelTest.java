package io.kindling.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A typo in one section of the profiles file fails only the cells that use that section: the kernel
 * starts, plain Java runs, and the Spark cell names the file, the key, its line and a close name.
 */
class BadProfileKernelTest {
    private static JupyterDriver kernel;
    private static Path profiles;

    @BeforeAll
    static void startKernel() throws Exception {
        profiles = InstalledKernel.work().resolve("bad-spark-profiles.yaml");
        Files.writeString(profiles, """
                presto:
                  profiles:
                    local:
                      server: http://127.0.0.1:1
                spark:
                  kubernetes:
                    namespace: kindling
                    executorz: 4
                """);
        kernel = JupyterDriver.start(InstalledKernel.get(), Map.of("KINDLING_PROFILES", profiles.toString()));
    }

    @AfterAll
    static void stopKernel() throws Exception {
        kernel.close();
    }

    @Test
    void javaAndMagicsWorkAndSparkCellsNameTheBadKey() throws Exception {
        JupyterDriver.Execution plain = kernel.execute("1 + 1");
        JupyterDriver.Execution magics = kernel.execute("%lsmagic");
        JupyterDriver.Execution spark = kernel.execute("Spark.session()");

        assertThat(plain.status()).as(plain.raw().toString()).isEqualTo("ok");
        assertThat(plain.resultText()).isEqualTo("2");
        assertThat(magics.status()).isEqualTo("ok");
        assertThat(magics.resultText()).contains("%%presto");
        assertThat(spark.status()).isEqualTo("error");
        assertThat(spark.error().get("evalue").asText())
                .contains(profiles + ":8:5: spark.kubernetes.executorz: unknown setting 'executorz' (did you mean executors?)");
        assertThat(spark.error().get("ename").asText()).isEqualTo("BAD_PROFILE");
        assertThat(kernel.execute("%presto").status()).as("the presto section is still readable").isEqualTo("ok");

        Files.writeString(profiles, Files.readString(profiles).replace("executorz: 4", "executors: 4"));
        JupyterDriver.Execution fixed = kernel.execute("Spark.kubernetes() != null");

        assertThat(fixed.status()).as("the fixed file is read without a restart: " + fixed.raw()).isEqualTo("ok");
        assertThat(fixed.resultText()).isEqualTo("true");
    }
}
