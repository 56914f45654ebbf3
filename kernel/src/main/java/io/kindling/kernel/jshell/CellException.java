package io.kindling.kernel.jshell;

import io.kindling.magics.magic.MagicError;
import io.kindling.magics.spark.JobFailure;
import jdk.jshell.EvalException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A cell threw. The traceback shows the exception and its causes like {@code printStackTrace}, minus
 * the kernel's and JShell's own frames, with snippet frames pointed at cell lines.
 */
public final class CellException extends RuntimeException implements CellError {
    private static final long serialVersionUID = 1L;
    private static final Pattern SNIPPET_FILE = Pattern.compile("#(\\d+)");
    private static final List<String> PLUMBING = List.of(
            "jdk.internal.reflect.", "java.lang.reflect.", "jdk.jshell.", "io.kindling.kernel.", "java.lang.Thread");

    private final String errorName;
    private final List<String> traceback;

    private CellException(String errorName, String message, List<String> traceback) {
        super(message);
        this.errorName = errorName;
        this.traceback = List.copyOf(traceback);
    }

    /**
     * @param thrown  what the cell threw
     * @param origins snippet id to cell position, for frames inside cell code
     */
    static CellException of(Throwable thrown, Function<String, SnippetOrigin> origins) {
        requireNonNull(thrown, "thrown is null");
        List<String> lines = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = thrown;
        String prefix = "";
        while (current != null && seen.add(current)) {
            lines.add(prefix + headline(current));
            for (StackTraceElement frame : current.getStackTrace()) {
                if (PLUMBING.stream().noneMatch(p -> frame.getClassName().startsWith(p))) {
                    lines.add("\tat " + describe(frame, origins));
                }
            }
            current = current.getCause();
            prefix = "Caused by: ";
        }
        String message = thrown.getMessage() == null ? "" : thrown.getMessage();
        return new CellException(thrown.getClass().getName(), message, lines);
    }

    /**
     * JShell reports what a snippet threw as an {@link EvalException} whose frames it already mapped to
     * snippet ids and snippet lines ({@code #12:3}); its causes come as EvalExceptions too.
     */
    static CellException of(EvalException thrown, Function<String, SnippetOrigin> origins) {
        CellException formatted = of((Throwable) thrown, origins);
        List<String> lines = new ArrayList<>(formatted.traceback);
        for (int i = 0; i < lines.size(); i++) {
            lines.set(i, lines.get(i).replace(EvalException.class.getName() + ": ", ""));
        }
        String message = thrown.getMessage() == null ? "" : thrown.getMessage();
        return new CellException(thrown.getExceptionClassName(), message, lines);
    }

    /**
     * A failure Kindling's own API already explained (a bad profile, a cluster that cannot start): shown
     * as a magic's error is, its name and message first and its detail lines, without stack frames.
     */
    static CellException explained(MagicError error) {
        List<String> lines = new ArrayList<>();
        lines.add(error.errorName() + ": " + error.getMessage());
        lines.addAll(error.details());
        return new CellException(error.errorName(), error.getMessage(), lines);
    }

    /**
     * A cell ran out of memory: the explanation (heap, the variables that hold it, how to free them) in
     * place of the exception's empty message, then where in the cell it happened.
     */
    static CellException outOfMemory(EvalException thrown, List<String> explanation, Function<String, SnippetOrigin> origins) {
        List<String> lines = new ArrayList<>();
        lines.add(OutOfMemoryError.class.getSimpleName() + ": " + explanation.get(0));
        lines.addAll(explanation.subList(1, explanation.size()));
        of(thrown, origins).traceback.stream().filter(line -> line.startsWith("\tat ")).limit(5).forEach(lines::add);
        return new CellException(OutOfMemoryError.class.getSimpleName(), explanation.get(0), lines);
    }

    /**
     * A Spark job failed because a task threw: the task's exception and its frames first (cell code named by
     * cell lines, Spark's and Scala's machinery folded into a count), then one line for where it ran and the
     * cell line that started the job. Spark's own 60-line trace goes to the kernel log.
     *
     * @param thrown what the cell threw (the driver's side, whose frames show the cell's Spark action)
     */
    static CellException sparkJob(JobFailure failure, Throwable thrown, CellFrames frames) {
        requireNonNull(failure, "failure is null");
        List<String> lines = new ArrayList<>();
        String errorName;
        String message;
        if (failure.taskError().isPresent()) {
            Throwable task = failure.taskError().get();
            errorName = task.getClass().getName();
            message = task.getMessage() == null ? "" : task.getMessage();
            Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            String prefix = "";
            for (Throwable current = task; current != null && seen.add(current); current = current.getCause()) {
                lines.add(prefix + current);
                lines.addAll(folded(current.getStackTrace(), frames));
                prefix = "Caused by: ";
            }
        } else {
            int colon = failure.taskErrorText().indexOf(": ");
            errorName = colon < 0 ? failure.taskErrorText() : failure.taskErrorText().substring(0, colon);
            message = colon < 0 ? "" : failure.taskErrorText().substring(colon + 2);
            lines.add(failure.taskErrorText());
        }
        lines.add(failure.where());
        for (StackTraceElement frame : thrown.getStackTrace()) {
            var line = frames.cellLine(frame);
            if (line.isPresent()) {
                lines.add("\tat " + line.get() + " (the Spark action)");
                break;
            }
        }
        lines.add("Spark's full trace is in the kernel log.");
        return new CellException(errorName, message, lines);
    }

    /** Frames as the notebook shows them: cell code by cell line, each run of Spark machinery as one count. */
    private static List<String> folded(StackTraceElement[] stack, CellFrames frames) {
        List<String> lines = new ArrayList<>();
        int machinery = 0;
        for (StackTraceElement frame : stack) {
            if (JobFailure.isMachinery(frame)) {
                machinery++;
                continue;
            }
            if (machinery > 0) {
                lines.add(foldedCount(machinery));
                machinery = 0;
            }
            String method = frame.getMethodName();
            lines.add("\tat " + frames.cellLine(frame)
                    .map(where -> method.isEmpty() || method.equals("do_it$") ? where : method + "(" + where + ")")
                    .orElse(frame.toString()));
        }
        if (machinery > 0) {
            lines.add(foldedCount(machinery));
        }
        return lines;
    }

    private static String foldedCount(int frames) {
        return "\t… " + frames + " Spark and Scala frame" + (frames == 1 ? "" : "s");
    }

    private static String headline(Throwable thrown) {
        if (thrown instanceof EvalException eval) {
            return eval.getExceptionClassName() + (eval.getMessage() == null ? "" : ": " + eval.getMessage());
        }
        return thrown.toString();
    }

    /** A failure of the kernel itself while running a cell, shown with its full stack. */
    public static CellException unexpected(Throwable thrown) {
        return of(thrown, id -> null);
    }

    private static String describe(StackTraceElement frame, Function<String, SnippetOrigin> origins) {
        String file = frame.getFileName();
        Matcher snippet = file == null ? null : SNIPPET_FILE.matcher(file);
        if (snippet != null && snippet.matches()) {
            SnippetOrigin origin = origins.apply(snippet.group(1));
            if (origin != null) {
                String where = "cell [" + origin.executionCount() + "] line " + (origin.firstLine() + frame.getLineNumber() - 1);
                String method = frame.getMethodName();
                // JShell names the snippet's own code "" (or do_it$ before translation); declared methods keep their names.
                return method.isEmpty() || method.equals("do_it$") ? where : method + "(" + where + ")";
            }
        }
        return frame.toString();
    }

    @Override
    public String errorName() {
        return errorName;
    }

    @Override
    public String errorValue() {
        return getMessage();
    }

    @Override
    public List<String> traceback() {
        return traceback;
    }
}
