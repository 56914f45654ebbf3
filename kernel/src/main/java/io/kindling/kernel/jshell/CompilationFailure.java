package io.kindling.kernel.jshell;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** The cell did not compile; each problem points at its cell line with a caret. */
public final class CompilationFailure extends RuntimeException implements CellError {
    private static final long serialVersionUID = 1L;

    private final List<String> traceback;

    CompilationFailure(String summary, List<String> traceback) {
        super(requireNonNull(summary, "summary is null"));
        this.traceback = List.copyOf(traceback);
    }

    @Override
    public String errorName() {
        return "CompilationError";
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
