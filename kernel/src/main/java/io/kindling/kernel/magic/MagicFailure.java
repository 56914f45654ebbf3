package io.kindling.kernel.magic;

import io.kindling.kernel.maven.ArtifactResolutionFailure;
import io.kindling.kernel.jshell.CellError;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.MagicSpec;
import io.kindling.magics.magic.MagicUsageException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A magic failed. Users get what went wrong and why (the cause chain's messages); stack frames of the
 * engines are noise in a notebook and go to the kernel log instead.
 */
public final class MagicFailure extends RuntimeException implements CellError {
    private static final long serialVersionUID = 1L;

    private final String errorName;
    private final List<String> traceback;

    private MagicFailure(String errorName, String message, List<String> traceback, Throwable cause) {
        super(message, cause);
        this.errorName = errorName;
        this.traceback = List.copyOf(traceback);
    }

    static MagicFailure usage(MagicSpec spec, MagicUsageException e) {
        return new MagicFailure("UsageError", spec.invocation() + ": " + e.getMessage(), List.of(
                "UsageError: " + spec.invocation() + ": " + e.getMessage(),
                "Usage: " + e.usage(),
                "Help: " + spec.invocation() + "?"), e);
    }

    /** A failure the magic already explained: shown as it is. */
    static MagicFailure explained(MagicSpec spec, MagicError error) {
        List<String> lines = new ArrayList<>();
        lines.add(error.errorName() + ": " + spec.invocation() + ": " + error.getMessage());
        lines.addAll(error.details());
        return new MagicFailure(error.errorName(), spec.invocation() + ": " + error.getMessage(), lines, error);
    }

    static MagicFailure of(MagicSpec spec, Throwable thrown) {
        List<String> lines = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        String prefix = spec.invocation() + " failed: ";
        List<String> said = new ArrayList<>();
        // A resolution failure's message is complete (what, where, what to try); its causes are the resolver's
        // own wording of the same and go to the log only.
        Throwable last = thrown instanceof ArtifactResolutionFailure ? thrown : null;
        for (Throwable t = thrown; t != null && seen.add(t); t = t == last ? null : t.getCause()) {
            String message = t.getMessage();
            // Libraries wrap a failure in exceptions that repeat its message (Maven's resolver three times over):
            // a cause that says nothing new is left out.
            if (message != null && said.stream().anyMatch(earlier -> earlier.contains(message.strip()))) {
                continue;
            }
            lines.add(prefix + t.getClass().getSimpleName() + (message == null ? "" : ": " + message));
            if (message != null) {
                said.add(message);
            }
            prefix = "Caused by: ";
        }
        String message = thrown.getMessage() == null ? thrown.getClass().getSimpleName() : thrown.getMessage();
        return new MagicFailure(thrown.getClass().getSimpleName(), spec.invocation() + ": " + message, lines, thrown);
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
