package io.kindling.e2e;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Jupyter's own kernel conformance suite (jupyter_kernel_test) against the installed kernel. */
class ConformanceSuiteTest {

    @Test
    void jupyterKernelTestPasses() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(InstalledKernel.python("-m", "unittest", "-v", "conformance"))
                .directory(InstalledKernel.pythonDir().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(InstalledKernel.get().environment());
        Process suite = builder.start();
        String report = new String(suite.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(suite.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(report).as(report).contains("\nOK").doesNotContain("FAILED");
        assertThat(report).contains("test_history").contains("test_is_complete").contains("test_execute_stdout");
        assertThat(suite.exitValue()).isZero();
    }
}
