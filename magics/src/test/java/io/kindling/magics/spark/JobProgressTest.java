package io.kindling.magics.spark;

import io.kindling.magics.magic.LiveDisplay;
import io.kindling.magics.magic.RichText;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The cell's Spark display, driven by a real local Spark: grouped jobs, skipped stages, final states. */
class JobProgressTest {
    private static SparkSession spark;
    private static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("job-progress-test").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        sc = new JavaSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** Every value one display showed, in order; how many displays the cell opened. */
    private static final class Displays {
        private final List<Object> shown = new CopyOnWriteArrayList<>();
        private int opened;

        LiveDisplay open(Object initial) {
            opened++;
            shown.add(initial);
            return shown::add;
        }

        String last() {
            return shown.isEmpty() ? "" : String.valueOf(shown.get(shown.size() - 1));
        }

        String lastHtml() {
            return ((RichText) shown.get(shown.size() - 1)).html();
        }
    }

    @Test
    void aCellsJobsEndAsOneFullLineThatSaysWhatWasSkipped() {
        JobProgress progress = new JobProgress();
        progress.follow(spark.sparkContext());
        Displays displays = new Displays();
        progress.attach(displays::open, text -> text.replaceAll("JobProgressTest\\.java:\\d+", "cell [4] line 2"));

        JavaPairRDD<Integer, Integer> sums = sc.parallelize(List.of(1, 2, 3, 4, 5, 6), 3)
                .mapToPair(i -> new Tuple2<>(i % 2, i)).reduceByKey(Integer::sum);
        sums.count();
        sums.collect();    // the map stage's shuffle output is there already: Spark skips that stage
        progress.detach();

        assertThat(displays.opened).as("one display for the cell's jobs").isEqualTo(1);
        assertThat(displays.last()).matches("Spark jobs \\d+–\\d+ \\(2 jobs, last: collect at cell \\[4\\] line 2\\): "
                + "(\\d+)/\\1 tasks \\(1 stage of 3 tasks skipped: already computed\\), done, [0-9.]+ s(\\n.*)?");
        assertThat(displays.lastHtml()).contains("width:300px\"></div>").doesNotContain("$");
    }

    @Test
    void anInterruptedJobEndsCancelledNotRunning() throws Exception {
        JobProgress progress = new JobProgress();
        progress.follow(spark.sparkContext());
        Displays displays = new Displays();
        progress.attach(displays::open, text -> text);
        FutureTask<Long> job = new FutureTask<>(() -> sc.parallelize(List.of(1, 2), 2).map(i -> {
            Thread.sleep(600_000);
            return i;
        }).count());
        new Thread(job, "job-progress-test-job").start();
        while (!displays.last().contains("running")) {
            Thread.sleep(20);
        }

        progress.cancelAll();
        Throwable failure = catchThrowable(() -> job.get(60, TimeUnit.SECONDS));
        progress.detach();

        assertThat(failure).isNotNull();
        assertThat(displays.last()).contains("cancelled").doesNotContain("running");
    }

    @Test
    void theStartLineIsReplacedByTheFirstJobAndClearedWhenNothingFollows() {
        JobProgress progress = new JobProgress();
        progress.follow(spark.sparkContext());
        Displays displays = new Displays();
        progress.attach(displays::open, text -> text);

        progress.status("starting local Spark · 1 s");
        assertThat(displays.last()).isEqualTo("starting local Spark · 1 s");
        sc.parallelize(List.of(1, 2), 1).count();
        progress.detach();
        assertThat(displays.opened).isEqualTo(1);
        assertThat(displays.last()).startsWith("Spark job ").contains("done");

        Displays failedStart = new Displays();
        progress.attach(failedStart::open, text -> text);
        progress.status("starting local Spark · 0 s");
        progress.status(null);
        progress.detach();
        assertThat(failedStart.last()).as("a start that failed leaves no line: its error says it").isEmpty();
    }
}
