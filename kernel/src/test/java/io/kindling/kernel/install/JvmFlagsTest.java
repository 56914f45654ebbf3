package io.kindling.kernel.install;

import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JvmFlagsTest {
    @Test
    void theKernelGetsEveryFlagSparksOwnLauncherWouldPass() {
        // A Spark upgrade that adds a flag must show up here, not as an odd failure in a notebook.
        assertThat(JvmFlags.SPARK_MODULE_OPENINGS).containsAll(java.util.List.of(JavaModuleOptions.defaultModuleOptionArray()));
    }
}
