package io.kindling.magics.sql;

import io.kindling.magics.magic.CloseNames;
import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.SourceText;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
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
 * lists), {@code {name:identifier}} inserts the value as a quoted identifier of the dialect (its quote
 * doubled, so it cannot end the identifier), and <code>{{</code> is a literal brace. References inside
 * string literals, quoted identifiers and comments are left alone.
 * <pre>{@code
 * ParameterBinder binder = new ParameterBinder(SqlDialect.TRINO, context::lookup, context.variableNames());
 * SourceText body = new SourceText("SELECT * FROM {t:identifier} WHERE k IN ({keys})", 2);
 * BoundStatement bound = binder.bind(SqlScript.split(body.text(), SqlDialect.TRINO).get(0), body);
 * bound.sql();          // SELECT * FROM "orders" WHERE k IN (?, ?, ?)
 * bound.parameters();   // [1, 2, 3]
 * }</pre>
 */
public final class ParameterBinder {
    private static final Pattern REFERENCE = Pattern.compile("\\{([A-Za-z_$][A-Za-z0-9_$]*)(:identifier)?}");

    private final SqlDialect dialect;
    private final Function<String, Optional<Object>> variables;
    private final Set<String> knownNames;

    /**
     * @param dialect    whose strings, identifiers and comments to leave alone, and how to quote identifiers
     * @param variables  looks up a notebook variable's value
     * @param knownNames the notebook's variable names, for "did you mean" hints
     */
    public ParameterBinder(SqlDialect dialect, Function<String, Optional<Object>> variables, Set<String> knownNames) {
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.variables = requireNonNull(variables, "variables is null");
        this.knownNames = Set.copyOf(knownNames);
    }

    /**
     * @param statement a statement of {@code body}, as {@link SqlScript#split} found it
     * @param body      the text the statement was split from, to place errors on cell lines
     * @throws MagicError UNKNOWN_VARIABLE, EMPTY_PARAMETER or BAD_IDENTIFIER, located at the reference
     */
    public BoundStatement bind(SqlScript.Statement statement, SourceText body) {
        requireNonNull(statement, "statement is null");
        requireNonNull(body, "body is null");
        String text = statement.text();
        if (text.indexOf('{') < 0) {
            return new BoundStatement(text, List.of(), List.of());     // nothing to bind: the scan below would copy it
        }
        StringBuilder sql = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        List<BoundStatement.Shift> shifts = new ArrayList<>();
        SqlScanner scanner = new SqlScanner(text, dialect);
        while (scanner.hasNext()) {
            int at = scanner.position();
            if (scanner.nextIsCode() && text.startsWith("{{", at)) {
                sql.append('{');
                scanner.advance();
                scanner.advance();
                shifts.add(new BoundStatement.Shift(sql.length(), scanner.position()));
                continue;
            }
            Matcher reference = scanner.nextIsCode() && text.charAt(at) == '{'
                    ? REFERENCE.matcher(text).region(at, text.length()) : null;
            if (reference != null && reference.lookingAt()) {
                Located where = new Located(body, statement.offset() + at, statement.offset() + reference.end());
                append(reference.group(1), reference.group(2) != null, where, sql, parameters);
                while (scanner.position() < reference.end()) {
                    scanner.advance();
                }
                shifts.add(new BoundStatement.Shift(sql.length(), reference.end()));
                continue;
            }
            scanner.advance();
            sql.append(text, at, scanner.position());
        }
        return new BoundStatement(sql.toString(), parameters, shifts);
    }

    private void append(String name, boolean identifier, Located where, StringBuilder sql, List<Object> parameters) {
        Optional<Object> found = variables.apply(name);
        if (found.isEmpty() && !knownNames.contains(name)) {
            throw where.error(ErrorName.UNKNOWN_VARIABLE, "names no notebook variable"
                    + CloseNames.hint(name, knownNames, "") + "; define it in a Java cell first");
        }
        Object value = found.orElse(null);         // a variable that holds null: SQL NULL, but no identifier
        if (identifier) {
            String quoted = value == null ? "" : String.valueOf(value);
            if (quoted.isBlank()) {
                throw where.error(ErrorName.BAD_IDENTIFIER, "is " + (value == null ? "null" : quoted.isEmpty() ? "empty" : "blank")
                        + ", and an identifier needs a name");
            }
            sql.append(dialect.quoteIdentifier(quoted));
        } else if (value instanceof Collection<?> values) {
            if (values.isEmpty()) {
                throw where.error(ErrorName.EMPTY_PARAMETER, "is an empty collection; SQL has no empty IN list");
            }
            sql.append(String.join(", ", Collections.nCopies(values.size(), "?")));
            parameters.addAll(values);
        } else {
            sql.append('?');
            parameters.add(value);
        }
    }

    /** A reference's place in the cell, so each error names the cell line and draws a caret under it. */
    private record Located(SourceText body, int start, int end) {
        MagicError error(ErrorName name, String problem) {
            String reference = body.text().substring(start, end);
            return new MagicError(name, reference + " at " + body.positionOf(start) + " " + problem)
                    .at(body.positionOf(start), List.of(body.caret(start, end)));
        }
    }
}
