package io.kindling.magics.presto;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.CloseNames;
import io.kindling.magics.magic.MagicError;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Turns notebook-variable references in SQL into bound parameters, so values are never spliced into
 * SQL text: {@code {name}} becomes {@code ?} (a collection becomes {@code ?, ?, ...} for {@code IN}
 * lists), {@code {name:identifier}} inserts the value as a double-quoted identifier (quotes doubled, so
 * it cannot end the identifier), and {@code {{} is a literal brace. References inside string literals,
 * quoted identifiers and comments are left alone.
 */
final class ParameterBinder {
    private static final Pattern REFERENCE = Pattern.compile("\\{([A-Za-z_$][A-Za-z0-9_$]*)(:identifier)?}");

    private final Function<String, Optional<Object>> variables;
    private final Set<String> knownNames;

    /**
     * @param variables  looks up a notebook variable's value
     * @param knownNames the notebook's variable names, for "did you mean" hints
     */
    ParameterBinder(Function<String, Optional<Object>> variables, Set<String> knownNames) {
        this.variables = requireNonNull(variables, "variables is null");
        this.knownNames = Set.copyOf(knownNames);
    }

    /**
     * @param statement the statement as written
     * @param locate    turns an offset in the statement into a "line L:C" description for errors
     */
    BoundStatement bind(String statement, Function<Integer, String> locate) {
        StringBuilder sql = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        List<BoundStatement.Shift> shifts = new ArrayList<>();
        SqlScanner scanner = new SqlScanner(statement);
        while (scanner.hasNext()) {
            int at = scanner.position();
            if (scanner.nextIsCode() && statement.startsWith("{{", at)) {
                sql.append('{');
                scanner.advance();
                scanner.advance();
                shifts.add(new BoundStatement.Shift(sql.length(), scanner.position()));
                continue;
            }
            Matcher reference = scanner.nextIsCode() && statement.charAt(at) == '{'
                    ? REFERENCE.matcher(statement).region(at, statement.length()) : null;
            if (reference != null && reference.lookingAt()) {
                String name = reference.group(1);
                Object value = variables.apply(name).orElseThrow(() -> unknown(name, locate.apply(at)));
                if (reference.group(2) != null) {
                    sql.append('"').append(String.valueOf(value).replace("\"", "\"\"")).append('"');
                } else if (value instanceof Collection<?> values) {
                    if (values.isEmpty()) {
                        throw new MagicError(ErrorName.EMPTY_PARAMETER, "{" + name + "} at " + locate.apply(at)
                                + " is an empty collection; SQL has no empty IN list");
                    }
                    sql.append(String.join(", ", java.util.Collections.nCopies(values.size(), "?")));
                    parameters.addAll(values);
                } else {
                    sql.append('?');
                    parameters.add(value);
                }
                while (scanner.position() < reference.end()) {
                    scanner.advance();
                }
                shifts.add(new BoundStatement.Shift(sql.length(), reference.end()));
                continue;
            }
            sql.append(statement.charAt(at));
            scanner.advance();
            if (scanner.position() - at > 1) {
                sql.append(statement, at + 1, scanner.position());
            }
        }
        return new BoundStatement(sql.toString(), parameters, shifts);
    }

    private MagicError unknown(String name, String where) {
        return new MagicError(ErrorName.UNKNOWN_VARIABLE, "{" + name + "} at " + where + " names no notebook variable"
                + CloseNames.hint(name, knownNames, "") + "; define it in a Java cell first");
    }
}
