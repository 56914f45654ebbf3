package io.kindling.kernel.session;

import io.kindling.magics.spark.KernelIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class KernelDirectoriesTest {
    @TempDir
    Path root;

    @Test
    void directoriesOfGoneProcessesAreReapedAndLiveOnesKept() throws Exception {
        KernelIdentity self = KernelIdentity.ofThisProcess("tester");
        KernelDirectories directories = new KernelDirectories(root, self.pid(), self.startedAt());
        Path own = directories.create("kindling-repl-classes-");
        Files.writeString(own.resolve("Cell.class"), "bytes");

        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        Path dead = Files.createDirectories(root.resolve("kindling-spark-work-" + exited.pid() + "-1700000000-42"));
        Files.writeString(dead.resolve("spark-auth-c0ffee12"), "secret");
        // This process's pid with another start time: a dead kernel whose pid was recycled to this one.
        Path recycled = Files.createDirectories(root.resolve("kindling-hive-output-" + self.pid() + "-1700000000-7"));
        Path unnamed = Files.createDirectories(root.resolve("kindling-repl-classes-123456789"));

        assertThat(directories.reapDead()).containsExactlyInAnyOrder(dead, recycled);
        assertThat(own.resolve("Cell.class")).exists();
        assertThat(dead).doesNotExist();
        assertThat(recycled).doesNotExist();
        assertThat(unnamed).as("no owner in its name: never touched").exists();
        assertThat(own.getFileName().toString()).startsWith("kindling-repl-classes-" + self.pid() + "-" + self.startedAt() + "-");
    }
}
