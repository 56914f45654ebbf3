package io.kindling.kernel.jshell;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What javac's parser alone says about one JShell snippet, without compiling it against the notebook:
 * whether it can parse at all as anything JShell takes (a declaration, a statement, an expression, an
 * import), and whether it declares names. Parsing runs no code and needs no class path.
 */
final class JavaSyntax {
    /** Where a declaring snippet goes in a class that stands for the cell. */
    enum Declaration {
        /** A variable or a class, record, interface or enum: legal as a local in a method body. */
        LOCAL,
        /** A method: legal only as a member of a class. */
        MEMBER,
        /** Declares nothing the rest of the cell can name (a statement, an expression, an import). */
        NONE
    }

    private static final String BLOCK_BEFORE = "class $KindlingSyntax { void $kindlingSyntax() {\n";
    private static final String BLOCK_AFTER = "\n} }";
    private static final String MEMBER_BEFORE = "class $KindlingSyntax {\n";
    private static final String MEMBER_AFTER = "\n}";

    private final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    private final StandardJavaFileManager files = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);

    /** Whether {@code source} parses as something JShell evaluates; false means no notebook state can make it compile. */
    synchronized boolean parses(String source) {
        String expression = source.strip();
        while (expression.endsWith(";")) {
            expression = expression.substring(0, expression.length() - 1).stripTrailing();
        }
        return parse(BLOCK_BEFORE + source + BLOCK_AFTER).isPresent()
                || parse(MEMBER_BEFORE + source + MEMBER_AFTER).isPresent()
                || parse("class $KindlingSyntax { Object $kindlingSyntax = (\n" + expression + "\n); }").isPresent()
                || parse(source + "\nclass $KindlingSyntax { }").isPresent();
    }

    /** What the complete snippet {@code source} declares, by its syntax alone. */
    synchronized Declaration declaration(String source) {
        Optional<List<? extends StatementTree>> statements = parse(BLOCK_BEFORE + source + BLOCK_AFTER)
                .map(unit -> ((MethodTree) wrapper(unit).getMembers().get(0)).getBody().getStatements());
        if (statements.isPresent()) {
            return !statements.get().isEmpty() && statements.get().stream().allMatch(s -> s instanceof VariableTree || s instanceof ClassTree)
                    ? Declaration.LOCAL : Declaration.NONE;
        }
        Optional<List<? extends Tree>> members = parse(MEMBER_BEFORE + source + MEMBER_AFTER).map(unit -> wrapper(unit).getMembers());
        return members.isPresent() && !members.get().isEmpty() && members.get().stream().allMatch(m -> m instanceof MethodTree)
                ? Declaration.MEMBER : Declaration.NONE;
    }

    private static ClassTree wrapper(CompilationUnitTree unit) {
        return (ClassTree) unit.getTypeDecls().get(0);
    }

    private Optional<CompilationUnitTree> parse(String text) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///KindlingSyntax.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
        try {
            JavacTask task = (JavacTask) compiler.getTask(Writer.nullWriter(), files, diagnostics, List.of("-proc:none"), null, List.of(file));
            CompilationUnitTree unit = task.parse().iterator().next();
            boolean errors = diagnostics.getDiagnostics().stream().anyMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
            return errors || unit.getTypeDecls().isEmpty() ? Optional.empty() : Optional.of(unit);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
