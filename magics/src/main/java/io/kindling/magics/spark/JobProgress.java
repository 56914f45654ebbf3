package io.kindling.magics.spark;

import io.kindling.magics.magic.LiveDisplay;
import io.kindling.magics.magic.RichText;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.StageInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * Shows the running cell's Spark jobs in place (tasks done of total, per job, with a link to the
 * Spark UI) and knows their running tasks, so an interrupt can stop them mid-task.
 */
final class JobProgress extends SparkListener {
    private static final long REFRESH_NANOS = 250_000_000L;

    private final Map<Integer, Job> jobs = new LinkedHashMap<>();
    private final Map<Integer, Integer> jobOfStage = new ConcurrentHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final Set<Long> runningTasks = ConcurrentHashMap.newKeySet();
    private final AtomicReference<CellView> cell = new AtomicReference<>();
    private final AtomicReference<SparkContext> context = new AtomicReference<>();
    private long lastRefresh;
    /** The attached cell was interrupted; set from the interrupting thread. */
    private volatile boolean interrupted;

    /**
     * Progress goes to the cell that runs now; {@code displays} opens its live output on the first job, and
     * {@code cellCode} names cell code in Spark's call sites (the notebook's cell lines, not JShell's classes).
     */
    void attach(Function<Object, LiveDisplay> displays, UnaryOperator<String> cellCode) {
        interrupted = false;
        cell.set(new CellView(requireNonNull(displays, "displays is null"), requireNonNull(cellCode, "cellCode is null")));
    }

    /** Draws the final state of the cell's jobs and stops drawing. */
    void detach() {
        CellView view = cell.getAndSet(null);
        if (view != null) {
            synchronized (this) {
                view.show(render(view.cellCode));
                jobs.clear();
                notes.clear();
            }
        }
    }

    /** Follows the jobs of a newly started session. */
    void follow(SparkContext sparkContext) {
        context.set(sparkContext);
        sparkContext.addSparkListener(this);
    }

    /** Cancels every job and interrupts the tasks still running, so a sleeping or looping task stops too. */
    void cancelAll() {
        // Sticky for the cell: a job it starts after the interrupt (the next step of a write) is cancelled too.
        interrupted = true;
        SparkContext sc = context.get();
        if (sc == null || sc.isStopped()) {
            return;
        }
        List<Long> tasks = List.copyOf(runningTasks);
        sc.cancelAllJobs();
        tasks.forEach(task -> sc.killTaskAttempt(task, true, "the notebook cell was interrupted"));
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart start) {
        SparkContext sc = context.get();
        if (interrupted && cell.get() != null && sc != null) {
            sc.cancelJob(start.jobId(), "the notebook cell was interrupted");
        }
        int total = 0;
        String name = "job " + start.jobId();
        for (StageInfo stage : scala.jdk.javaapi.CollectionConverters.asJava(start.stageInfos())) {
            jobOfStage.put(stage.stageId(), start.jobId());
            total += stage.numTasks();
            name = stage.name();
        }
        String description = start.properties() == null ? null : start.properties().getProperty("spark.job.description");
        // Spark SQL's call sites name its own closures ("$anonfun$... at CompletableFuture.java"): say nothing then.
        String shown = description != null ? description : name.contains("$anonfun") ? "Spark SQL" : name;
        jobs.put(start.jobId(), new Job(start.jobId(), shown, total, System.nanoTime()));
        refresh(true);
    }

    /** An executor that dies mid-job (a crashed JVM, a deleted pod) is said in the cell: Spark retries its tasks. */
    @Override
    public synchronized void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
        if (jobs.values().stream().anyMatch(job -> "running".equals(job.outcome))) {
            notes.add("executor " + removed.executorId() + " lost (" + removed.reason() + "); Spark retries its tasks");
            refresh(true);
        }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
        runningTasks.add(start.taskInfo().taskId());
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        runningTasks.remove(end.taskInfo().taskId());
        Job job = jobs.get(jobOfStage.getOrDefault(end.stageId(), -1));
        if (job != null) {
            if (end.taskInfo().successful()) {
                job.done++;
            } else {
                job.failed++;
            }
            refresh(false);
        }
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd end) {
        Job job = jobs.get(end.jobId());
        if (job != null) {
            job.finishedNanos = System.nanoTime();
            job.outcome = end.jobResult().toString().startsWith("JobSucceeded") ? "done" : "failed";
        }
        jobOfStage.values().removeIf(id -> id == end.jobId());
        refresh(true);
    }

    private void refresh(boolean force) {
        CellView view = cell.get();
        long now = System.nanoTime();
        if (view == null || (!force && now - lastRefresh < REFRESH_NANOS)) {
            return;
        }
        lastRefresh = now;
        view.show(render(view.cellCode));
    }

    private RichText render(UnaryOperator<String> cellCode) {
        Optional<String> ui = Optional.ofNullable(context.get()).flatMap(SparkCluster::uiUrl);
        List<String> plain = new ArrayList<>();
        StringBuilder html = new StringBuilder("<div class=\"kindling-spark-progress\" style=\"font-family:monospace\">");
        for (Job job : jobs.values()) {
            String line = cellCode.apply(job.line());
            plain.add(line);
            int percent = job.total == 0 ? 100 : (int) (100L * job.done / job.total);
            html.append("<div>").append(RichText.escape(line)).append("<div style=\"background:#eee;width:300px;height:8px\">")
                    .append("<div style=\"background:").append("failed".equals(job.outcome) ? "#c33" : "#4a4")
                    .append(";height:8px;width:").append(percent * 3).append("px\"></div></div></div>");
        }
        for (String note : notes) {
            plain.add(note);
            html.append("<div style=\"color:#a60\">").append(RichText.escape(note)).append("</div>");
        }
        ui.ifPresent(u -> {
            plain.add("Spark UI: " + u);
            html.append("<div><a href=\"").append(RichText.escape(u)).append("\" target=\"_blank\">Spark UI</a></div>");
        });
        html.append("</div>");
        return new RichText(String.join("\n", plain), html.toString());
    }

    /** One job's counters; guarded by the listener's lock. */
    private static final class Job {
        private final int id;
        private final String name;
        private final int total;
        private final long startNanos;
        private int done;
        private int failed;
        private long finishedNanos;
        private String outcome = "running";

        private Job(int id, String name, int total, long startNanos) {
            this.id = id;
            this.name = name;
            this.total = total;
            this.startNanos = startNanos;
        }

        String line() {
            long end = finishedNanos == 0 ? System.nanoTime() : finishedNanos;
            return String.format("Spark job %d (%s): %d/%d tasks%s, %s, %.1f s", id, name, done, total,
                    failed == 0 ? "" : " (" + failed + " failed)", outcome, (end - startNanos) / 1e9);
        }
    }

    /** The cell's live output, opened on the first job so cells without Spark show nothing. */
    private static final class CellView {
        private final Function<Object, LiveDisplay> displays;
        private final UnaryOperator<String> cellCode;
        private LiveDisplay display;

        private CellView(Function<Object, LiveDisplay> displays, UnaryOperator<String> cellCode) {
            this.displays = displays;
            this.cellCode = cellCode;
        }

        synchronized void show(RichText text) {
            if (!text.plain().contains("Spark job")) {
                return;
            }
            if (display == null) {
                display = displays.apply(text);
            } else {
                display.update(text);
            }
        }
    }
}
