package io.kindling.kernel.magic;

import io.kindling.kernel.jshell.JavaEvaluator;
import io.kindling.magics.magic.Cancellation;
import io.kindling.magics.magic.LiveDisplay;
import io.kindling.magics.magic.MagicContext;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A magic context over a real JShell, recording what magics display, for in-process cell tests. */
final class TestMagicContext implements MagicContext {
    private final JavaEvaluator evaluator;
    private final CellCancellation cancellation = new CellCancellation();
    final List<Object> displayed = new ArrayList<>();

    TestMagicContext(JavaEvaluator evaluator) {
        this.evaluator = evaluator;
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
        return 1;
    }

    @Override
    public Optional<Object> lookup(String name) {
        return evaluator.lookup(name);
    }

    @Override
    public Set<String> variableNames() {
        return evaluator.variableNames();
    }

    @Override
    public void display(Object value) {
        displayed.add(value);
    }

    @Override
    public LiveDisplay liveDisplay(Object initial) {
        displayed.add(initial);
        return displayed::add;
    }

    @Override
    public CellCancellation cancellation() {
        return cancellation;
    }

    @Override
    public PrintStream out() {
        return System.out;
    }
}
