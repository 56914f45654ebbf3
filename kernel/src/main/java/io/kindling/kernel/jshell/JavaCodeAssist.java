package io.kindling.kernel.jshell;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.Documentation;
import jdk.jshell.SourceCodeAnalysis.Suggestion;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Completion, inspection and completeness checks for Java cells, from JShell's source analysis.
 * All offsets are Java {@code char} offsets into the cell's text.
 */
public final class JavaCodeAssist {
    /** The class that stands for the cell being written when it declares names before the cursor. */
    private static final String CELL_CLASS = "$KindlingCell";

    private final JavaEvaluator evaluator;
    private final JavaSyntax syntax = new JavaSyntax();

    public JavaCodeAssist(JavaEvaluator evaluator) {
        this.evaluator = requireNonNull(evaluator, "evaluator is null");
    }

    /** Replacement candidates for the text ending at {@code cursor}, and the range they replace. */
    public record Completion(List<String> matches, int start, int end) {
        public Completion {
            matches = List.copyOf(matches);
        }
    }

    /** The signature and, where the JDK ships sources, the Javadoc of what is at the cursor. */
    public record Inspection(String signature, Optional<String> javadoc) {
    }

    /** Whether a cell can run as it is, needs more lines, or cannot be valid. */
    public enum Readiness { COMPLETE, INCOMPLETE, INVALID }

    /**
     * Completes the text before {@code cursor}, knowing the names the cell declares before the cursor's
     * snippet (variables, methods, classes) without running anything: those declarations and the
     * snippet are analysed together as one class that stands for the cell.
     */
    public Completion complete(String code, int cursor) {
        Range snippet = snippetAt(code, cursor);
        String typed = code.substring(snippet.start, cursor);
        String cell = cellBefore(code, snippet.start);
        if (!cell.isEmpty()) {
            Completion withCell = suggest(cell + typed, cell.length(), snippet.start);
            if (!withCell.matches().isEmpty()) {
                return withCell;
            }
        }
        return suggest(typed, 0, snippet.start);
    }

    /** Completion at the end of {@code text}, whose part from {@code offset} on is the cell's text from {@code cellStart}. */
    private Completion suggest(String text, int offset, int cellStart) {
        int[] anchor = new int[1];
        List<Suggestion> suggestions = evaluator.analysis().completionSuggestions(text, text.length(), anchor);
        if (anchor[0] < offset) {
            return new Completion(List.of(), cellStart, cellStart + text.length() - offset);
        }
        Set<String> matches = new LinkedHashSet<>();
        suggestions.stream().filter(Suggestion::matchesType).forEach(s -> matches.add(s.continuation()));
        suggestions.forEach(s -> matches.add(s.continuation()));
        matches.removeIf(m -> m.startsWith(CELL_CLASS));
        return new Completion(List.copyOf(matches), cellStart + anchor[0] - offset, cellStart + text.length() - offset);
    }

    /**
     * The opening of a class standing for the cell up to {@code end}: its methods as members, its variables
     * and classes as locals of an open method body, in the cell's order; empty when it declares nothing.
     */
    private String cellBefore(String code, int end) {
        StringBuilder members = new StringBuilder();
        StringBuilder locals = new StringBuilder();
        SourceCodeAnalysis analysis = evaluator.analysis();
        String remaining = code.substring(0, end);
        while (!remaining.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (!info.completeness().isComplete() || info.source() == null) {
                break;
            }
            switch (syntax.declaration(info.source())) {
                case LOCAL -> locals.append(info.source()).append('\n');
                case MEMBER -> members.append(info.source()).append('\n');
                case NONE -> {
                }
            }
            remaining = info.remaining();
        }
        if (members.isEmpty() && locals.isEmpty()) {
            return "";
        }
        return "class " + CELL_CLASS + " {\n" + members + "void " + CELL_CLASS + "Body() throws Throwable {\n" + locals;
    }

    /** The notebook's variables: what a SQL magic's <code>{name}</code> parameters may refer to. */
    public Set<String> variableNames() {
        return evaluator.variableNames();
    }

    public Optional<Inspection> inspect(String code, int cursor) {
        Range snippet = snippetAt(code, cursor);
        String text = code.substring(snippet.start, snippet.end);
        int at = cursor - snippet.start;
        // JShell documents the call whose parentheses hold the cursor; for a bare name, pretend it is called.
        int nameEnd = identifierEnd(text, at);
        for (String probe : new String[]{text.substring(0, at), text.substring(0, nameEnd) + "("}) {
            List<Documentation> docs = evaluator.analysis().documentation(probe, probe.length(), true);
            if (!docs.isEmpty()) {
                String signatures = String.join("\n", docs.stream().map(Documentation::signature).toList());
                Optional<String> javadoc = docs.stream().map(Documentation::javadoc)
                        .filter(j -> j != null && !j.isBlank()).findFirst().map(JavadocText::summary);
                return Optional.of(new Inspection(signatures, javadoc));
            }
        }
        return Optional.empty();
    }

    public Readiness readiness(String code) {
        SourceCodeAnalysis analysis = evaluator.analysis();
        String remaining = code;
        while (!remaining.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            Completeness completeness = info.completeness();
            if (completeness == Completeness.DEFINITELY_INCOMPLETE || completeness == Completeness.CONSIDERED_INCOMPLETE) {
                return Readiness.INCOMPLETE;
            }
            if (completeness == Completeness.UNKNOWN) {
                return Readiness.INVALID;
            }
            if (completeness == Completeness.EMPTY) {
                break;
            }
            // JShell's completeness is about where snippets end; a snippet javac cannot even parse never runs.
            if (info.source() != null && !syntax.parses(info.source())) {
                return Readiness.INVALID;
            }
            remaining = info.remaining();
        }
        return Readiness.COMPLETE;
    }

    private record Range(int start, int end) {
    }

    /** The snippet of the cell that holds {@code cursor}: completion works one snippet at a time. */
    private Range snippetAt(String code, int cursor) {
        SourceCodeAnalysis analysis = evaluator.analysis();
        int start = 0;
        while (start < code.length()) {
            CompletionInfo info = analysis.analyzeCompletion(code.substring(start));
            int end = code.length() - info.remaining().length();
            if (info.completeness() == Completeness.EMPTY || !info.completeness().isComplete() || info.remaining().isEmpty()) {
                return new Range(start, code.length());
            }
            if (end >= cursor) {
                return new Range(start, end);
            }
            start = end;
            while (start < cursor && Character.isWhitespace(code.charAt(start))) {
                start++;
            }
        }
        return new Range(Math.min(start, cursor), code.length());
    }

    private static int identifierEnd(String text, int from) {
        int end = from;
        while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
            end++;
        }
        return end;
    }
}
