package io.kindling.kernel.jshell;

import java.util.List;

/** The user interrupted the cell; its work was stopped. */
public final class CellInterrupted extends RuntimeException implements CellError {
    private static final long serialVersionUID = 1L;

    public CellInterrupted(String what) {
        super(what);
    }

    @Override
    public String errorName() {
        return "Interrupted";
    }

    @Override
    public String errorValue() {
        return getMessage();
    }

    @Override
    public List<String> traceback() {
        return List.of("Interrupted: " + getMessage());
    }
}
