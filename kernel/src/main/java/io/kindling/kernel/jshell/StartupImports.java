package io.kindling.kernel.jshell;

import java.util.List;

/**
 * Evaluates a session's start-up imports as <em>one</em> JShell snippet: JShell compiles each snippet in a fresh
 * javac context, so 25 separate imports cost 25 compiles (about 0.8 s of CPU on the first cell's path), one snippet
 * costs one. JShell keys an import snippet by its first import and lets a later snippet with the same key replace
 * it; the snippet therefore starts by importing this class, which no notebook imports itself, so a cell's own
 * {@code import java.util.*;} adds to the defaults instead of dropping them.
 */
public final class StartupImports {
    private StartupImports() {
    }

    /** {@code imports} (each {@code import ...;}) as one snippet headed by this class's import. */
    static String asOneSnippet(List<String> imports) {
        return "import " + StartupImports.class.getName() + ";\n" + String.join("\n", imports);
    }
}
