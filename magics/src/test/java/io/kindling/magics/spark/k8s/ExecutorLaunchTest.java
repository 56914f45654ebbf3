package io.kindling.magics.spark.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a Spark executor pod becomes a command line, without starting anything. */
final class ExecutorLaunchTest {
    private static final Path LOCAL = Path.of("/tmp/pod/local");

    @Test
    void commandFollowsTheImageEntrypoint() {
        ExecutorLaunch launch = ExecutorLaunch.forPod(executorPod(List.of("executor")), "127.0.0.9", LOCAL,
                "/opt/jars/*", "/jdk/bin/java", List.of("-Dflag=ours"));

        assertThat(launch.command()).containsExactly(
                "/jdk/bin/java",
                "-Dflag=ours",
                "-Dsecond", "-Dtenth", // SPARK_JAVA_OPT_2 before SPARK_JAVA_OPT_10: numeric order
                "-Xms1024m", "-Xmx1024m",
                ExecutorLaunch.MAIN_CLASS,
                "--driver-url", "spark://CoarseGrainedScheduler@127.0.0.1:7078",
                "--executor-id", "3",
                "--cores", "2",
                "--app-id", "spark-app-1",
                "--hostname", "127.0.0.9",
                "--resourceProfileId", "0",
                "--podName", "p-exec-3");
        assertThat(launch.environment())
                .containsEntry("SPARK_EXECUTOR_POD_IP", "127.0.0.9")
                .containsEntry("SPARK_EXECUTOR_POD_NAME", "p-exec-3")
                .containsEntry("SPARK_LOCAL_DIRS", LOCAL.toString())
                .containsEntry("SPARK_LOCAL_IP", "127.0.0.9")
                .containsEntry("CLASSPATH", "/extra.jar:/opt/jars/*")
                .doesNotContainKeys("SPARK_CONF_DIR", "SPARK_EXECUTOR_DIRS");
    }

    @Test
    void smallHeapsAreRaisedToWhatSparkAccepts() {
        assertThat(ExecutorLaunch.heapMib("400m")).isEqualTo(512);
        assertThat(ExecutorLaunch.heapMib("2g")).isEqualTo(2048);
        assertThat(ExecutorLaunch.heapMib("700m")).isEqualTo(700);
    }

    @Test
    void podsThisFixtureCannotRunAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ExecutorLaunch.forPod(executorPod(List.of("driver")), "127.0.0.9", LOCAL, "cp",
                "java", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("args [executor]");

        Pod withSecret = new PodBuilder(executorPod(List.of("executor")))
                .editSpec().editFirstContainer()
                .addNewEnv().withName("TOKEN").withNewValueFrom().withNewSecretKeyRef("key", "secret", false)
                .endValueFrom().endEnv()
                .endContainer().endSpec()
                .build();
        assertThatThrownBy(() -> ExecutorLaunch.forPod(withSecret, "127.0.0.9", LOCAL, "cp", "java", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("env TOKEN");
    }

    @Test
    void crashingLaunchKeepsTheJvmFlagsButNotTheBackend() {
        ExecutorLaunch crashing = ExecutorLaunch.forPod(executorPod(List.of("executor")), "127.0.0.9", LOCAL, "cp",
                "java", List.of()).crashing();

        assertThat(crashing.command()).contains("-Xmx1024m").doesNotContain(ExecutorLaunch.MAIN_CLASS, "--driver-url");
    }

    // Env like the one Spark 4.1's BasicExecutorFeatureStep gives an executor container, plus a few to drop.
    private static Pod executorPod(List<String> args) {
        return new PodBuilder()
                .withNewMetadata().withName("p-exec-3").withUid("uid-3").addToLabels("spark-role", "executor")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(ExecutorLaunch.CONTAINER_NAME)
                .withImage("kindling/executor:test")
                .withArgs(args)
                .addNewEnv().withName("SPARK_USER").withValue("root").endEnv()
                .addNewEnv().withName("SPARK_DRIVER_URL").withValue("spark://CoarseGrainedScheduler@127.0.0.1:7078")
                .endEnv()
                .addNewEnv().withName("SPARK_EXECUTOR_CORES").withValue("2").endEnv()
                .addNewEnv().withName("SPARK_EXECUTOR_MEMORY").withValue("1024m").endEnv()
                .addNewEnv().withName("SPARK_APPLICATION_ID").withValue("spark-app-1").endEnv()
                .addNewEnv().withName("SPARK_CONF_DIR").withValue("/opt/spark/conf").endEnv()
                .addNewEnv().withName("SPARK_EXECUTOR_ID").withValue("3").endEnv()
                .addNewEnv().withName("SPARK_RESOURCE_PROFILE_ID").withValue("0").endEnv()
                .addNewEnv().withName("SPARK_EXECUTOR_POD_IP").withNewValueFrom().withNewFieldRef()
                .withFieldPath("status.podIP").endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("SPARK_EXECUTOR_POD_NAME").withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.name").endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("SPARK_JAVA_OPT_10").withValue("-Dtenth").endEnv()
                .addNewEnv().withName("SPARK_JAVA_OPT_2").withValue("-Dsecond").endEnv()
                .addNewEnv().withName("SPARK_CLASSPATH").withValue("/extra.jar").endEnv()
                .addNewEnv().withName("SPARK_EXECUTOR_DIRS").withValue("/p1").endEnv()
                .addNewEnv().withName("SPARK_LOCAL_DIRS").withValue("/var/data/spark-1").endEnv()
                .endContainer()
                .endSpec()
                .build();
    }
}
