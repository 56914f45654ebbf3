package io.kindling.magics.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemorySizeTest {
    @Test
    void parsesSparkSpellings() {
        assertThat(MemorySize.parse("memory", "4g").mebibytes()).isEqualTo(4096);
        assertThat(MemorySize.parse("memory", "4G").mebibytes()).isEqualTo(4096);
        assertThat(MemorySize.parse("memory", "32gb").toString()).isEqualTo("32g");
        assertThat(MemorySize.parse("memory", "512m").toString()).isEqualTo("512m");
        assertThat(MemorySize.parse("memory", "1536").toString()).isEqualTo("1536m");
        assertThat(MemorySize.parse("memory", "1t").mebibytes()).isEqualTo(1024 * 1024);
    }

    @Test
    void namesTheSettingAndTheFix() {
        assertThatThrownBy(() -> MemorySize.parse("memory", "12xb"))
                .hasMessage("memory '12xb' is not a memory size: use a number with k, m, g or t, e.g. 4g or 512m");
        assertThatThrownBy(() -> MemorySize.parse("memory", "-1g")).hasMessageContaining("'-1g' is not a memory size");
        assertThatThrownBy(() -> MemorySize.parse("memory", "10k")).hasMessageContaining("less than 1 MiB");
    }

    @Test
    void refusesExecutorsSmallerThanSparkAccepts() {
        assertThatThrownBy(() -> MemorySize.parse("memory", "256m").atLeast(MemorySize.SPARK_MINIMUM, "memory"))
                .hasMessage("memory 256m is below Spark's minimum of 450m per executor");
        assertThat(MemorySize.parse("memory", "450m").atLeast(MemorySize.SPARK_MINIMUM, "memory").mebibytes()).isEqualTo(450);
    }
}
