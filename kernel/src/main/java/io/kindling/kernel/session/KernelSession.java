package io.kindling.kernel.session;

import io.kindling.kernel.jshell.JavaCodeAssist;
import io.kindling.kernel.jshell.JavaEvaluator;
import io.kindling.kernel.magic.CellRunner;
import io.kindling.kernel.magic.MagicRegistry;
import io.kindling.magics.table.NotebookTables;

import static java.util.Objects.requireNonNull;

/**
 * The language side of one kernel run, as the protocol side uses it: JShell and its code assistance,
 * the magics, the cell runner, the engines and the notebook's tables. {@link KernelAssembly} builds it.
 */
public record KernelSession(JavaEvaluator evaluator, JavaCodeAssist codeAssist, CellRunner runner, MagicRegistry magics,
                            Engines engines, NotebookTables tables) {
    public KernelSession {
        requireNonNull(evaluator, "evaluator is null");
        requireNonNull(codeAssist, "codeAssist is null");
        requireNonNull(runner, "runner is null");
        requireNonNull(magics, "magics is null");
        requireNonNull(engines, "engines is null");
        requireNonNull(tables, "tables is null");
    }
}
