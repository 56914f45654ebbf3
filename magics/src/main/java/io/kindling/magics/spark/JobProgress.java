package io.kindling.magics.spark;

import io.kindling.magics.magic.LiveDisplay;
import io.kindling.magics.magic.RichText;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.StageInfo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * Shows the running cell's Spark in one display that updates in place: while Spark starts, a status line;
 * then the cell's jobs (finished ones grouped in one line, each running one with its tasks); at the end of
 * the cell, their final state (done, failed, cancelled). It also knows the running tasks, so an interrupt
 * can stop them mid-task.
 */
final class JobProgress extends SparkListener {
    private static final long REFRESH_NANOS = 250_000_000L;
    /**
     * How long the end of a cell waits for Spark to deliver the last job events, so the display ends true.
     * Usually nothing waits; on a busy machine the bus can be seconds behind, and a line left "running"
     * after the cell ended would be wrong for good.
     */
    private static final long DRAIN_MILLIS = 10_000;
    /** After an interrupt the reply comes first: jobs without an end event by then are shown cancelled. */
    private static final long INTERRUPTED_DRAIN_MILLIS = 2_000;

    private final Map<Integer, Job> jobs = new LinkedHashMap<>();
    private final Map<Integer, Integer> jobOfStage = new ConcurrentHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final Set<Long> runningTasks = ConcurrentHashMap.newKeySet();
    private final AtomicReference<CellView> cell = new AtomicReference<>();
    private final AtomicReference<SparkContext> context = new AtomicReference<>();
    private long lastRefresh;
    /** What the display says while Spark starts, until the first job; guarded by this. */
    private String status;
    /** The attached cell was interrupted; set from the interrupting thread. */
    private volatile boolean interrupted;

    /**
     * Progress goes to the cell that runs now; {@code displays} opens its live output on the first job, and
     * {@code cellCode} names cell code in Spark's call sites (the notebook's cell lines, not JShell's classes).
     */
    void attach(Function<Object, LiveDisplay> displays, UnaryOperator<String> cellCode) {
        interrupted = false;
        synchronized (this) {
            status = null;
        }
        cell.set(new CellView(requireNonNull(displays, "displays is null"), requireNonNull(cellCode, "cellCode is null")));
    }

    /** Draws the final state of the cell's jobs and stops drawing. */
    void detach() {
        if (cell.get() == null) {
            return;
        }
        drainEvents();
        CellView view = cell.getAndSet(null);
        if (view != null) {
            synchronized (this) {
                long now = System.nanoTime();
                for (Job job : jobs.values()) {
                    if (job.outcome.equals("running")) {
                        // No end event even after the wait: the cell stopped waiting for it.
                        job.outcome = interrupted ? "cancelled" : "unfinished";
                        job.finishedNanos = now;
                    }
                }
                view.show(render(view.cellCode));
                jobs.clear();
                notes.clear();
                status = null;
            }
        }
    }

    /** Spark delivers listener events on its own thread, a little after the job: take those of this cell first. */
    private void drainEvents() {
        SparkContext sc = context.get();
        if (sc == null || sc.isStopped()) {
            return;
        }
        try {
            sc.listenerBus().waitUntilEmpty(interrupted ? INTERRUPTED_DRAIN_MILLIS : DRAIN_MILLIS);
        } catch (TimeoutException | RuntimeException e) {
            // A busy bus: the display ends with what arrived.
        }
    }

    /** Follows the jobs of a newly started session. */
    void follow(SparkContext sparkContext) {
        context.set(sparkContext);
        sparkContext.addSparkListener(this);
    }

    /** What the cell shows while Spark starts (null: nothing); the first job's progress replaces it. */
    synchronized void status(String text) {
        status = text;
        refresh(true);
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
        Map<Integer, Integer> stageTasks = new LinkedHashMap<>();
        String name = "job " + start.jobId();
        for (StageInfo stage : scala.jdk.javaapi.CollectionConverters.asJava(start.stageInfos())) {
            jobOfStage.put(stage.stageId(), start.jobId());
            stageTasks.put(stage.stageId(), stage.numTasks());
            name = stage.name();
        }
        String description = start.properties() == null ? null : start.properties().getProperty("spark.job.description");
        // Spark SQL's call sites name its own closures ("$anonfun$... at CompletableFuture.java"): say nothing then.
        String shown = description != null ? description : name.contains("$anonfun") ? "Spark SQL" : name;
        jobs.put(start.jobId(), new Job(start.jobId(), shown, stageTasks, System.nanoTime()));
        refresh(true);
    }

    @Override
    public synchronized void onStageSubmitted(SparkListenerStageSubmitted submitted) {
        Job job = jobs.get(jobOfStage.getOrDefault(submitted.stageInfo().stageId(), -1));
        if (job != null) {
            job.submitted.add(submitted.stageInfo().stageId());
        }
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
            String result = end.jobResult().toString();
            job.outcome = result.startsWith("JobSucceeded") ? "done"
                    : interrupted || result.contains("cancelled") ? "cancelled" : "failed";
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

    /** Guarded by this. */
    private RichText render(UnaryOperator<String> cellCode) {
        if (jobs.isEmpty()) {
            return status == null ? new RichText("", "")
                    : new RichText(status, "<div class=\"kindling-spark-progress\" style=\"font-family:monospace\">"
                    + RichText.escape(status) + "</div>");
        }
        List<String> plain = new ArrayList<>();
        StringBuilder html = new StringBuilder("<div class=\"kindling-spark-progress\" style=\"font-family:monospace\">");
        List<Job> finished = jobs.values().stream().filter(job -> !job.outcome.equals("running")).toList();
        if (!finished.isEmpty()) {
            JobGroup group = new JobGroup(finished);
            line(plain, html, cellCode.apply(group.line()), group.percent(), group.outcome());
        }
        for (Job job : jobs.values()) {
            if (job.outcome.equals("running")) {
                line(plain, html, cellCode.apply(job.line()), job.percent(), job.outcome);
            }
        }
        for (String note : notes) {
            plain.add(note);
            html.append("<div style=\"color:#a60\">").append(RichText.escape(note)).append("</div>");
        }
        Optional.ofNullable(context.get()).flatMap(SparkCluster::uiUrl).ifPresent(u -> {
            plain.add("Spark UI: " + u);
            html.append("<div><a href=\"").append(RichText.escape(u)).append("\" target=\"_blank\">Spark UI</a></div>");
        });
        html.append("</div>");
        return new RichText(String.join("\n", plain), html.toString());
    }

    private static void line(List<String> plain, StringBuilder html, String line, int percent, String outcome) {
        plain.add(line);
        String colour = switch (outcome) {
            case "failed" -> "#c33";
            case "cancelled", "unfinished" -> "#a60";
            default -> "#4a4";
        };
        html.append("<div>").append(RichText.escape(line)).append("<div style=\"background:#eee;width:300px;height:8px\">")
                .append("<div style=\"background:").append(colour)
                .append(";height:8px;width:").append(percent * 3).append("px\"></div></div></div>");
    }

    /** One job's counters; guarded by the listener's lock. */
    private static final class Job {
        private final int id;
        private final String name;
        private final Map<Integer, Integer> stageTasks;
        private final Set<Integer> submitted = new HashSet<>();
        private final long startNanos;
        private int done;
        private int failed;
        private long finishedNanos;
        private String outcome = "running";

        private Job(int id, String name, Map<Integer, Integer> stageTasks, long startNanos) {
            this.id = id;
            this.name = name;
            this.stageTasks = stageTasks;
            this.startNanos = startNanos;
        }

        /** Stages Spark did not run because their output was already there (a shuffle another job wrote). */
        int skippedStages() {
            return outcome.equals("done") ? (int) stageTasks.keySet().stream().filter(s -> !submitted.contains(s)).count() : 0;
        }

        int skippedTasks() {
            return outcome.equals("done") ? stageTasks.entrySet().stream().filter(s -> !submitted.contains(s.getKey()))
                    .mapToInt(Map.Entry::getValue).sum() : 0;
        }

        int total() {
            return stageTasks.values().stream().mapToInt(Integer::intValue).sum() - skippedTasks();
        }

        int percent() {
            return outcome.equals("done") || total() == 0 ? 100 : (int) Math.min(100, 100L * done / total());
        }

        String line() {
            long end = finishedNanos == 0 ? System.nanoTime() : finishedNanos;
            return String.format(Locale.ROOT, "Spark job %d (%s): %d/%d tasks%s%s, %s, %.1f s", id, name, done, total(),
                    failed == 0 ? "" : " (" + failed + " failed)", skipped(skippedStages(), skippedTasks()), outcome,
                    (end - startNanos) / 1e9);
        }
    }

    /** What a finished job or several say in one line: a cell's DataFrame action often runs two to four jobs. */
    private record JobGroup(List<Job> jobs) {
        String outcome() {
            for (String worst : List.of("failed", "cancelled", "unfinished")) {
                if (jobs.stream().anyMatch(job -> job.outcome.equals(worst))) {
                    return worst;
                }
            }
            return "done";
        }

        int percent() {
            int total = jobs.stream().mapToInt(Job::total).sum();
            int done = jobs.stream().mapToInt(job -> job.done).sum();
            return outcome().equals("done") || total == 0 ? 100 : (int) Math.min(100, 100L * done / total);
        }

        String line() {
            if (jobs.size() == 1) {
                return jobs.get(0).line();
            }
            Job first = jobs.get(0);
            Job last = jobs.get(jobs.size() - 1);
            long start = jobs.stream().mapToLong(job -> job.startNanos).min().orElse(0);
            long end = jobs.stream().mapToLong(job -> job.finishedNanos).max().orElse(start);
            int failed = jobs.stream().mapToInt(job -> job.failed).sum();
            return String.format(Locale.ROOT, "Spark jobs %d–%d (%d jobs, last: %s): %d/%d tasks%s%s, %s, %.1f s",
                    first.id, last.id, jobs.size(), last.name, jobs.stream().mapToInt(job -> job.done).sum(),
                    jobs.stream().mapToInt(Job::total).sum(), failed == 0 ? "" : " (" + failed + " failed)",
                    skipped(jobs.stream().mapToInt(Job::skippedStages).sum(), jobs.stream().mapToInt(Job::skippedTasks).sum()),
                    outcome(), (end - start) / 1e9);
        }
    }

    private static String skipped(int stages, int tasks) {
        return stages == 0 ? "" : String.format(Locale.ROOT, " (%d %s of %d %s skipped: already computed)",
                stages, stages == 1 ? "stage" : "stages", tasks, tasks == 1 ? "task" : "tasks");
    }

    /** The cell's live output, opened when there is something to show, so cells without Spark show nothing. */
    private static final class CellView {
        private final Function<Object, LiveDisplay> displays;
        private final UnaryOperator<String> cellCode;
        private LiveDisplay display;

        private CellView(Function<Object, LiveDisplay> displays, UnaryOperator<String> cellCode) {
            this.displays = displays;
            this.cellCode = cellCode;
        }

        synchronized void show(RichText text) {
            if (display == null) {
                if (!text.plain().isEmpty()) {
                    display = displays.apply(text);
                }
            } else if (text.plain().isEmpty()) {
                display.clear();
            } else {
                display.update(text);
            }
        }
    }
}
