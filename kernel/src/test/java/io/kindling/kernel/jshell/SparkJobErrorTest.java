package io.kindling.kernel.jshell;

import io.kindling.magics.spark.JobFailure;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A failed Spark job reads like a plain Java error: the task's exception first, Spark's machinery folded. */
class SparkJobErrorTest {
    private static final String SOURCE = "  static void f() {\n    int x = 1 / 0;\n  }";
    private static final String WRAPPED = "package REPL;\nclass $JShell$3 {\n" + SOURCE + "\n}";

    @Test
    void theTasksExceptionComesFirstWithCellLinesAndOneLineForWhereItRan() {
        CellFrames frames = new CellFrames();
        int sourceStart = WRAPPED.indexOf(SOURCE);
        frames.register("REPL.$JShell$3", new SnippetOrigin(7, 2), WRAPPED, p -> p - sourceStart, SOURCE);
        ArithmeticException task = new ArithmeticException("/ by zero");
        task.setStackTrace(new StackTraceElement[]{
                frame("REPL.$JShell$3", "lambda$do_it$$0", "$JShell$3.java", 4),
                frame("org.apache.spark.api.java.JavaPairRDD$", "$anonfun$toScalaFunction$1", "JavaPairRDD.scala", 1072),
                frame("scala.collection.Iterator$$anon$9", "next", "Iterator.scala", 594),
                frame("org.apache.spark.executor.Executor$TaskRunner", "run", "Executor.scala", 719),
                frame("java.util.concurrent.ThreadPoolExecutor", "runWorker", "ThreadPoolExecutor.java", 1136),
                frame("java.lang.Thread", "run", "Thread.java", 840)});
        SparkException job = new SparkException("Job aborted due to stage failure: Task 1 in stage 2.0 failed 4 times, "
                + "most recent failure: Lost task 1.3 in stage 2.0 (TID 7) (10.0.0.5 executor 2): java.lang.ArithmeticException: / by zero\n"
                + "\tat REPL.$JShell$3.lambda$do_it$$0($JShell$3.java:4)\n\nDriver stacktrace:", task);
        job.setStackTrace(new StackTraceElement[]{
                frame("org.apache.spark.scheduler.DAGScheduler", "runJob", "DAGScheduler.scala", 1017),
                frame("REPL.$JShell$3", "do_it$", "$JShell$3.java", 4)});

        CellException error = CellException.sparkJob(JobFailure.of(job).orElseThrow(), job, frames);

        assertThat(error.errorName()).isEqualTo("java.lang.ArithmeticException");
        assertThat(error.errorValue()).isEqualTo("/ by zero");
        assertThat(error.traceback()).containsExactly(
                "java.lang.ArithmeticException: / by zero",
                "\tat lambda$do_it$$0(cell [7] line 3)",
                "\t… 5 Spark and Scala frames",
                "in Spark: task 1.3 in stage 2.0 (TID 7) on executor 2 (10.0.0.5), 4 attempts failed",
                "\tat cell [7] line 3 (the Spark action)",
                "Spark's full trace is in the kernel log.");
    }

    @Test
    void aTaskErrorSparkCouldNotBringBackIsReadFromItsMessage() {
        SparkException job = new SparkException("Job aborted due to stage failure: Task 0 in stage 0.0 failed 1 time, "
                + "most recent failure: Lost task 0.0 in stage 0.0 (TID 0) (127.0.0.1 executor driver): "
                + "com.example.Unshippable: no such row\n\tat com.example.X.y(X.java:1)");

        CellException error = CellException.sparkJob(JobFailure.of(new RuntimeException("wrapped", job)).orElseThrow(),
                job, new CellFrames());

        assertThat(error.errorName()).isEqualTo("com.example.Unshippable");
        assertThat(error.traceback()).startsWith("com.example.Unshippable: no such row",
                "in Spark: task 0.0 in stage 0.0 (TID 0) on executor driver (127.0.0.1), 1 attempt failed");
    }

    @Test
    void otherFailuresAreNotJobFailures() {
        assertThat(JobFailure.of(new IllegalStateException("x"))).isEmpty();
        assertThat(JobFailure.of(new SparkException("something else"))).isEmpty();
    }

    private static StackTraceElement frame(String type, String method, String file, int line) {
        return new StackTraceElement(type, method, file, line);
    }
}
