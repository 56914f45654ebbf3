package io.kindling.kernel.magic;

import io.kindling.kernel.display.LineWrap;
import io.kindling.kernel.jshell.CellError;
import io.kindling.kernel.jshell.CellInterrupted;
import io.kindling.kernel.jshell.CellSource;
import io.kindling.kernel.jshell.JavaEvaluator;
import io.kindling.magics.magic.Magic;
import io.kindling.magics.magic.MagicArgumentParser;
import io.kindling.magics.magic.MagicArguments;
import io.kindling.magics.magic.MagicContext;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.MagicSpec;
import io.kindling.magics.magic.MagicUsageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Runs one cell: its Java code through JShell and its magics through the registry, in order. */
public final class CellRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CellRunner.class);

    private final JavaEvaluator evaluator;
    private final MagicRegistry registry;

    public CellRunner(JavaEvaluator evaluator, MagicRegistry registry) {
        this.evaluator = requireNonNull(evaluator, "evaluator is null");
        this.registry = requireNonNull(registry, "registry is null");
    }

    /** @return the value of the cell's last step, to show as the cell's result */
    public Optional<Object> run(CellSource cell, MagicContext context) {
        CellPlan plan;
        try {
            plan = CellPlan.of(cell.text());
        } catch (IllegalArgumentException e) {
            throw new MalformedMagicException(e.getMessage());
        }
        Optional<Object> value = Optional.empty();
        for (CellPlan.Part part : plan.parts()) {
            value = runPart(cell, part, context);
        }
        return value;
    }

    private Optional<Object> runPart(CellSource cell, CellPlan.Part part, MagicContext context) {
        if (context.cancellation().isCancelled()) {
            throw new CellInterrupted("the cell was stopped at the user's request");
        }
        if (part instanceof CellPlan.Java java) {
            return evaluator.evaluate(cell, java.from(), java.to(), context.cancellation()::isCancelled);
        }
        if (part instanceof CellPlan.LineMagicCall line) {
            var magic = registry.lineMagic(line.name()).orElseThrow(() -> registry.unknown(MagicSpec.Kind.LINE, line.name()));
            return line.help() ? Optional.of(LineWrap.text(magic.spec().help()))
                    : invoke(magic, line.arguments(), context, args -> magic.run(args, context));
        }
        CellPlan.CellMagicCall call = (CellPlan.CellMagicCall) part;
        var magic = registry.cellMagic(call.name()).orElseThrow(() -> registry.unknown(MagicSpec.Kind.CELL, call.name()));
        return call.help() ? Optional.of(LineWrap.text(magic.spec().help()))
                : invoke(magic, call.arguments(), context, args -> magic.run(args, call.body(), context));
    }

    @FunctionalInterface
    private interface Invocation {
        Optional<Object> run(MagicArguments arguments) throws Exception;
    }

    private Optional<Object> invoke(Magic magic, String argumentLine, MagicContext context, Invocation invocation) {
        MagicSpec spec = magic.spec();
        // A magic runs with the loader cell code runs with: a Spark session it starts then gives its tasks the
        // cells' classes (records, top-level methods a %%fsql TRANSFORM calls), as one started by a Java cell does.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(evaluator.cellClassLoader());
        try {
            return invocation.run(MagicArgumentParser.parse(spec, argumentLine));
        } catch (MagicUsageException e) {
            throw MagicFailure.usage(spec, e);
        } catch (RuntimeException e) {
            if (e instanceof CellError) {
                throw e;
            }
            throw failure(spec, context, e);
        } catch (Exception e) {
            throw failure(spec, context, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static RuntimeException failure(MagicSpec spec, MagicContext context, Exception e) {
        if (context.cancellation().isCancelled()) {
            return new CellInterrupted(spec.invocation() + " was cancelled at the user's request");
        }
        if (e instanceof MagicError explained) {
            LOG.info("{} failed: {}", spec.invocation(), explained.getMessage(), explained);
            return MagicFailure.explained(spec, explained);
        }
        LOG.warn("{} failed", spec.invocation(), e);
        return MagicFailure.of(spec, e);
    }
}
