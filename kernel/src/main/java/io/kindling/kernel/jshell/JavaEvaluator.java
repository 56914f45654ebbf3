package io.kindling.kernel.jshell;

import io.kindling.kernel.memory.HeapReport;
import io.kindling.kernel.memory.HeapReserve;
import io.kindling.kernel.memory.HeapWatch;
import jdk.jshell.Diag;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.spark.JobFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Evaluates Java cell code with JShell, in the kernel's own JVM. A cell is split into snippets with
 * JShell's own analysis and evaluated in order; the value of a final expression is returned as the real
 * object. Failures come back as {@link CellError}s that point at cell lines.
 */
public final class JavaEvaluator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JavaEvaluator.class);
    private final JShell jshell;
    private final CellExecutionControl control;
    private final HeapReserve reserve;
    private final HeapWatch heapWatch;
    private final Map<String, SnippetOrigin> origins = new ConcurrentHashMap<>();
    private final CellFrames cellFrames = new CellFrames();
    private final LibrarySources librarySources;

    private JavaEvaluator(JShell jshell, CellExecutionControl control, HeapReserve reserve) {
        this.jshell = jshell;
        this.librarySources = new LibrarySources(jshell.sourceCodeAnalysis());
        this.control = control;
        this.reserve = reserve;
        this.heapWatch = HeapWatch.start(reserve.headroom(), control::isRunning, control::stopForMemory);
        reserve.stopsCellsWith(control::stopForMemory);
    }

    /**
     * Starts JShell on the kernel's class path with the given start-up imports (each {@code import ...;}), which
     * compile together as one snippet ({@link StartupImports}).
     *
     * @param diagnostics where JShell's own console messages go (not the cell)
     * @param executorClasses where the classes compiled from cells are written for Spark executors
     * @param reserve         the heap held back for the kernel, spent when a cell runs out of memory
     */
    public static JavaEvaluator start(String classPath, List<String> startup, PrintStream diagnostics, Path executorClasses,
                                      HeapReserve reserve) {
        requireNonNull(reserve, "reserve is null");
        // The jars' packages are read on another core while JShell is created: the first compile needs them.
        JarPackages jars = new JarPackages();
        jars.readInBackground(classPath);
        CellExecutionControl control = new CellExecutionControl(new ExecutorClassExport(executorClasses), reserve);
        JShell jshell = JShell.builder()
                .executionEngine(new CellExecutionProvider(control), Map.of())
                // javac reads the jars that hold the packages a cell names, not all ~300 of the kernel's.
                .fileManager(standard -> new PackageIndexedFileManager(standard, jars))
                .out(diagnostics)
                .err(diagnostics)
                .build();
        if (!classPath.isEmpty()) {
            jshell.addToClasspath(classPath);
        }
        JavaEvaluator evaluator = new JavaEvaluator(jshell, control, reserve);
        if (!startup.isEmpty()) {
            String imports = StartupImports.asOneSnippet(startup);
            evaluator.evaluateSnippet(new CellSource(imports, 0), imports, 0);
        }
        return evaluator;
    }

    /**
     * The current value of the notebook variable {@code variable} declared in JShell's wrapper class
     * {@code wrapperClass} ({@code REPL.$JShell$12}); what Spark executors ask for.
     */
    public Object readVariable(String wrapperClass, String variable) throws ReflectiveOperationException {
        return control.readVariable(requireNonNull(wrapperClass, "wrapperClass is null"),
                requireNonNull(variable, "variable is null"));
    }

    /** Evaluates a whole cell of Java code. */
    public Optional<Object> evaluate(CellSource cell) {
        return evaluate(cell, 0, cell.text().length(), () -> false);
    }

    /**
     * Evaluates the Java code at {@code [from, to)} of a cell (the rest may be magics).
     *
     * @param cancelled whether the user interrupted the cell, even before its code started
     * @return the value of the last snippet when it is an expression with a non-null value
     * @throws CompilationFailure, CellException or CellInterrupted
     */
    public Optional<Object> evaluate(CellSource cell, int from, int to, BooleanSupplier cancelled) {
        requireNonNull(cell, "cell is null");
        try {
            return evaluateCode(cell, from, to, cancelled);
        } finally {
            // After a memory error, the heap may have room again (the cell freed a variable): hold the reserve again.
            reserve.recover();
        }
    }

    private Optional<Object> evaluateCode(CellSource cell, int from, int to, BooleanSupplier cancelled) {
        control.cancelledWhen(cancelled);
        SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
        String remaining = cell.text().substring(from, to);
        int base = from;
        Optional<Object> value = Optional.empty();
        while (!remaining.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            if (info.completeness() == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE || info.source() == null) {
                throw incomplete(cell, base + remaining.stripTrailing().length());
            }
            if (cancelled.getAsBoolean()) {
                throw new CellInterrupted("the cell was stopped at the user's request");
            }
            String consumed = remaining.substring(0, remaining.length() - info.remaining().length());
            int start = base + startOf(info.source(), consumed);
            value = evaluateSnippet(cell, info.source(), start);
            base += consumed.length();
            remaining = info.remaining();
        }
        return value;
    }

    private Optional<Object> evaluateSnippet(CellSource cell, String source, int start) {
        List<SnippetEvent> events = jshell.eval(source);
        if (control.takeStopped()) {
            throw new CellInterrupted("the cell was stopped at the user's request");
        }
        // JShell numbers a snippet's lines from its first non-blank line.
        int firstLine = cell.lineOf(start + source.length() - source.stripLeading().length());
        Optional<Object> value = Optional.empty();
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = event.snippet();
            SnippetOrigin origin = new SnippetOrigin(cell.executionCount(), firstLine);
            origins.put(snippet.id(), origin);
            registerWrapper(snippet, origin);
            if (event.status() == Snippet.Status.REJECTED) {
                throw compilationFailure(cell, snippet, start);
            }
            if (event.exception() instanceof UnresolvedReferenceException unresolved) {
                throw unresolved(cell, unresolved.getSnippet());
            }
            if (event.exception() instanceof EvalException evalException) {
                Throwable thrown = control.takeLastFailure().orElse(null);
                if (thrown instanceof MagicError explained) {
                    throw CellException.explained(explained);
                }
                boolean stoppedEarly = thrown instanceof CellExecutionControl.NearHeapLimit;
                if (stoppedEarly || HeapReserve.meansFullHeap(thrown)) {
                    throw CellException.outOfMemory(evalException,
                            HeapReport.explain(reserve, stoppedEarly, activeVariables()), origins::get);
                }
                Optional<JobFailure> job = thrown == null ? Optional.empty() : JobFailure.of(thrown);
                if (job.isPresent()) {
                    LOG.info("A Spark job of cell [{}] failed", cell.executionCount(), thrown);
                    throw CellException.sparkJob(job.get(), thrown, cellFrames);
                }
                throw CellException.of(evalException, origins::get);
            }
            if (event.exception() != null) {
                throw CellException.of(event.exception(), origins::get);
            }
            value = producesValue(snippet) ? control.takeLastValue() : Optional.empty();
        }
        return value;
    }

    /**
     * Remembers where a cell snippet's wrapper class comes from, for names in Spark call sites and untranslated
     * frames. Start-up and binding snippets (count 0) and imports run no code of their own.
     */
    private void registerWrapper(Snippet snippet, SnippetOrigin origin) {
        if (origin.executionCount() == 0 || snippet.kind() == Snippet.Kind.IMPORT || snippet.kind() == Snippet.Kind.ERRONEOUS) {
            return;
        }
        try {
            SourceCodeAnalysis.SnippetWrapper wrapper = jshell.sourceCodeAnalysis().wrapper(snippet);
            cellFrames.register(wrapper.fullClassName(), origin, wrapper.wrapped(), wrapper::wrappedToSourcePosition,
                    snippet.source());
        } catch (RuntimeException e) {
            // Only names in call sites suffer; the cell itself ran.
        }
    }

    /** Names cell code in call sites and frames JShell did not translate. */
    public CellFrames cellFrames() {
        return cellFrames;
    }

    private static boolean producesValue(Snippet snippet) {
        return switch (snippet.subKind()) {
            case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND -> true;
            default -> false;
        };
    }

    private CompilationFailure compilationFailure(CellSource cell, Snippet snippet, int start) {
        List<Diag> errors = jshell.diagnostics(snippet).filter(Diag::isError).toList();
        List<String> lines = new ArrayList<>();
        for (Diag diag : errors) {
            int at = start + (int) Math.max(0, diag.getStartPosition());
            int end = start + (int) Math.max(diag.getStartPosition() + 1, diag.getEndPosition());
            lines.add("Line " + cell.lineOf(at) + ", column " + cell.columnOf(at) + ": " + diag.getMessage(Locale.ROOT));
            lines.addAll(List.of(cell.caret(at, end)));
        }
        String summary = errors.isEmpty()
                ? "the snippet at line " + cell.lineOf(start) + " was rejected"
                : errors.stream().map(d -> d.getMessage(Locale.ROOT).lines().findFirst().orElse(""))
                .collect(Collectors.joining("; "));
        return new CompilationFailure(summary, lines);
    }

    private CompilationFailure incomplete(CellSource cell, int end) {
        int at = Math.max(0, end - 1);
        String message = "Line " + cell.lineOf(at) + ": the cell ends in the middle of a declaration or statement"
                + " (a missing ';', ')' or '}'?)";
        List<String> lines = new ArrayList<>();
        lines.add(message);
        lines.addAll(List.of(cell.caret(at, at + 1)));
        return new CompilationFailure("incomplete code at the end of the cell", lines);
    }

    private CellException unresolved(CellSource cell, Snippet snippet) {
        String missing = jshell.unresolvedDependencies(
                        (jdk.jshell.DeclarationSnippet) snippet)
                .collect(Collectors.joining(", "));
        String message = "'" + firstLine(snippet.source()) + "' uses " + missing + ", which is not defined yet";
        return CellException.of(new IllegalStateException(message), origins::get);
    }

    private static String firstLine(String source) {
        return source.lines().findFirst().orElse("").strip();
    }

    /** Where {@code source} (JShell's normalized snippet) begins within the cell text it came from. */
    private static int startOf(String source, String consumed) {
        String probe = source.strip();
        probe = probe.substring(0, Math.min(probe.length(), 16));
        int inConsumed = consumed.indexOf(probe);
        return inConsumed >= 0 ? inConsumed - source.indexOf(probe) : consumed.length() - consumed.stripLeading().length();
    }

    /** Stops the running cell, if any; called from the control channel's thread. */
    public void stop() {
        jshell.stop();
    }

    public boolean isRunning() {
        return control.isRunning();
    }

    /** Adds jars or directories to what cells compile against and load from. */
    public void addToClasspath(String path) {
        jshell.addToClasspath(path);
    }

    /** Adds a library's sources jar: its Javadoc shows on inspection (Shift-Tab). */
    public void addSources(Path sourcesJar) {
        librarySources.add(sourcesJar);
    }

    /** Defines (or redefines) the notebook variable {@code name} holding {@code value}. */
    public <T> void bind(String name, T value, Class<T> type) {
        bind(name, value, type.getCanonicalName());
    }

    /**
     * Defines (or redefines) the notebook variable {@code name} holding {@code value}, declared as
     * {@code javaType} written as in Java source, type arguments included ({@code Dataset<Row>}).
     *
     * @throws IllegalArgumentException if {@code value} is not an instance of {@code javaType}'s class
     */
    public void bind(String name, Object value, String javaType) {
        if (!javax.lang.model.SourceVersion.isName(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a valid Java variable name");
        }
        String rawType = javaType.contains("<") ? javaType.substring(0, javaType.indexOf('<')) : javaType;
        if (value != null && !isA(value.getClass(), rawType)) {
            throw new IllegalArgumentException("cannot bind '" + name + "' as " + javaType + ": the value is a "
                    + value.getClass().getName());
        }
        String key = ValueBridge.offer(value);
        try {
            // An unchecked cast for generic types: the raw class was checked above.
            evaluate(new CellSource(javaType + " " + name + " = (" + javaType + ") "
                    + ValueBridge.class.getName() + ".take(\"" + key + "\");", 0));
        } finally {
            ValueBridge.discard(key);
        }
    }

    /** Whether {@code type} is or extends the class named {@code className}, by name (cell classes load elsewhere). */
    private static boolean isA(Class<?> type, String className) {
        if (type == null) {
            return false;
        }
        if (className.equals(type.getCanonicalName()) || className.equals(type.getName())) {
            return true;
        }
        for (Class<?> implemented : type.getInterfaces()) {
            if (isA(implemented, className)) {
                return true;
            }
        }
        return isA(type.getSuperclass(), className);
    }

    /** The value of a notebook variable, if one by that name is defined. */
    public Optional<Object> lookup(String name) {
        boolean defined = jshell.variables()
                .anyMatch(v -> v.name().equals(name) && jshell.status(v).isActive());
        if (!defined) {
            return Optional.empty();
        }
        return evaluate(new CellSource(name, 0));
    }

    /** The class loader cell code runs with, which sees the classes cells declare. */
    public ClassLoader cellClassLoader() {
        return control.cellLoader();
    }

    /** The notebook's top-level methods named {@code name} whose declaration is active, newest first. */
    public List<java.lang.reflect.Method> methods(String name) {
        boolean declared = jshell.methods().anyMatch(m -> m.name().equals(name) && jshell.status(m).isActive());
        return declared ? control.methods(name) : List.of();
    }

    /** The declared type of the active notebook variable {@code name}, generics included. */
    public Optional<java.lang.reflect.Type> variableType(String name) {
        return variableNames().contains(name) ? control.variableType(name) : Optional.empty();
    }

    /** The active notebook variables' values, read without compiling anything. */
    private Map<String, Object> activeVariables() {
        Set<String> active = variableNames();
        Map<String, Object> values = new java.util.LinkedHashMap<>(control.variableValues());
        values.keySet().retainAll(active);
        return values;
    }

    /** The names of the notebook's active variables. */
    public Set<String> variableNames() {
        return jshell.variables().filter(v -> jshell.status(v).isActive()).map(v -> v.name())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    SourceCodeAnalysis analysis() {
        return jshell.sourceCodeAnalysis();
    }

    @Override
    public void close() {
        heapWatch.close();
        jshell.close();
    }
}
