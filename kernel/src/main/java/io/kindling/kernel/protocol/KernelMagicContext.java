package io.kindling.kernel.protocol;

import io.kindling.kernel.jshell.JavaEvaluator;
import io.kindling.kernel.magic.CellCancellation;
import io.kindling.magics.magic.Cancellation;
import io.kindling.magics.magic.LiveDisplay;
import io.kindling.magics.magic.MagicContext;
import io.kindling.kernel.notebook.DisplayHandle;

import java.io.PrintStream;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** What a magic gets for one cell: JShell bindings, the cell's display and output, its cancellation. */
final class KernelMagicContext implements MagicContext {
    private final JavaEvaluator evaluator;
    private final KernelDisplay display;
    private final CellCancellation cancellation;
    private final int cellNumber;

    KernelMagicContext(JavaEvaluator evaluator, KernelDisplay display, CellCancellation cancellation, int cellNumber) {
        this.evaluator = requireNonNull(evaluator, "evaluator is null");
        this.display = requireNonNull(display, "display is null");
        this.cancellation = requireNonNull(cancellation, "cancellation is null");
        this.cellNumber = cellNumber;
    }

    @Override
    public <T> void bind(String name, T value, Class<T> type) {
        evaluator.bind(name, value, type);
    }

    @Override
    public void bindAs(String name, Object value, String javaType) {
        evaluator.bind(name, value, javaType);
    }

    @Override
    public int cellNumber() {
        return cellNumber;
    }

    @Override
    public Optional<Object> lookup(String name) {
        return evaluator.lookup(name);
    }

    @Override
    public java.util.List<java.lang.reflect.Method> methods(String name) {
        return evaluator.methods(name);
    }

    @Override
    public Optional<java.lang.reflect.Type> variableType(String name) {
        return evaluator.variableType(name);
    }

    @Override
    public Set<String> variableNames() {
        return evaluator.variableNames();
    }

    @Override
    public void display(Object value) {
        display.display(value);
    }

    @Override
    public LiveDisplay liveDisplay(Object initial) {
        DisplayHandle handle = display.display(initial);
        return handle::update;
    }

    @Override
    public Cancellation cancellation() {
        return cancellation;
    }

    @Override
    public String nameCellCode(String text) {
        return evaluator.cellFrames().rename(requireNonNull(text, "text is null"), cellNumber);
    }

    @Override
    public PrintStream out() {
        return System.out;
    }
}
