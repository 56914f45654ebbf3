package io.kindling.kernel.magic;

import io.kindling.kernel.jshell.CellError;

import java.util.List;

/** A cell named a magic that does not exist. */
public final class UnknownMagicException extends RuntimeException implements CellError {
    private static final long serialVersionUID = 1L;

    UnknownMagicException(String typed, List<String> close) {
        super("unknown magic " + typed + (close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)")
                + "; %lsmagic lists the magics this kernel knows");
    }

    @Override
    public String errorName() {
        return "UnknownMagic";
    }

    @Override
    public String errorValue() {
        return getMessage();
    }

    @Override
    public List<String> traceback() {
        return List.of("UnknownMagic: " + getMessage());
    }
}
