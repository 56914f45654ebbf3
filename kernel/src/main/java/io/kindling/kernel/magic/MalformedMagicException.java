package io.kindling.kernel.magic;

import io.kindling.kernel.jshell.CellError;

import java.util.List;

/** A cell starts with {@code %} but not with a magic name. */
public final class MalformedMagicException extends RuntimeException implements CellError {
    private static final long serialVersionUID = 1L;

    MalformedMagicException(String message) {
        super(message);
    }

    @Override
    public String errorName() {
        return "UsageError";
    }

    @Override
    public String errorValue() {
        return getMessage();
    }

    @Override
    public List<String> traceback() {
        return List.of("UsageError: " + getMessage());
    }
}
