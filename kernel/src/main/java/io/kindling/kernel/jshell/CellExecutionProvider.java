package io.kindling.kernel.jshell;

import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Hands JShell the kernel's one {@link CellExecutionControl}, so the kernel keeps a handle on it. */
final class CellExecutionProvider implements ExecutionControlProvider {
    private final CellExecutionControl control;

    CellExecutionProvider(CellExecutionControl control) {
        this.control = requireNonNull(control, "control is null");
    }

    @Override
    public String name() {
        return "kindling";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return control;
    }
}
