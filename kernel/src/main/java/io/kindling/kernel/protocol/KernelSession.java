package io.kindling.kernel.protocol;

import io.kindling.kernel.jshell.CellSource;
import io.kindling.kernel.jshell.JavaCodeAssist;
import io.kindling.kernel.jshell.JavaEvaluator;
import io.kindling.kernel.magic.CellRunner;
import io.kindling.kernel.magic.ClasspathMagic;
import io.kindling.kernel.magic.LsMagic;
import io.kindling.kernel.magic.MagicRegistry;
import io.kindling.kernel.magic.MavenMagic;

import io.kindling.kernel.Env;
import io.kindling.magics.presto.PrestoLineMagic;
import io.kindling.magics.presto.PrestoMagic;
import io.kindling.magics.presto.PrestoSession;

import java.io.PrintStream;
import java.util.Optional;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** The language side of one kernel run: JShell, its code assistance, the magics and the cell runner. */
record KernelSession(JavaEvaluator evaluator, CellRunner runner, CodeAssistReplies assist, MagicRegistry magics) {

    KernelSession {
        requireNonNull(evaluator, "evaluator is null");
        requireNonNull(runner, "runner is null");
        requireNonNull(assist, "assist is null");
        requireNonNull(magics, "magics is null");
    }

    /** Starts JShell and registers the built-in magics; takes about a second, so it runs off the protocol threads. */
    static KernelSession start(String classPath, List<String> startup, PrintStream diagnostics) {
        JavaEvaluator evaluator = JavaEvaluator.start(classPath, startup, diagnostics);
        PrestoSession presto = PrestoSession.fromProcess();
        long prestoMaxRows = Optional.ofNullable(System.getenv(Env.PRESTO_MAX_ROWS))
                .map(v -> Env.parseSize(Env.PRESTO_MAX_ROWS, v)).orElse(PrestoMagic.DEFAULT_MAX_ROWS);
        MagicRegistry magics = new MagicRegistry();
        magics.register(new LsMagic(magics::specs))
                .register(new ClasspathMagic("classpath", p -> evaluator.addToClasspath(p.toString())))
                .register(new ClasspathMagic("jars", p -> evaluator.addToClasspath(p.toString())))
                .register(MavenMagic.standard(p -> evaluator.addToClasspath(p.toString())))
                .register(new PrestoMagic(presto, prestoMaxRows))
                .register(new PrestoLineMagic(presto));
        KernelSession session = new KernelSession(evaluator, new CellRunner(evaluator, magics),
                new CodeAssistReplies(new JavaCodeAssist(evaluator), magics), magics);
        session.warmUp();
        return session;
    }

    /** Compiles and runs one throwaway snippet so the user's first cell does not pay for javac's warm-up. */
    private void warmUp() {
        evaluator.evaluate(new CellSource("if (true) { }", 0));
        assist.complete("Math.ma", 7);
        assist.isComplete("int x = 1;");
    }
}
