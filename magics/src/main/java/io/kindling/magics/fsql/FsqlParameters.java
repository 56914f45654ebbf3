package io.kindling.magics.fsql;

import io.kindling.magics.magic.CloseNames;
import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.SourceText;
import io.kindling.magics.sql.BoundStatement;
import io.kindling.magics.sql.ParameterBinder;
import io.kindling.magics.sql.SqlDialect;
import io.kindling.magics.sql.SqlScanner;
import io.kindling.magics.sql.SqlScript;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Binds the notebook values a SELECT names: {@code {name}} as a typed literal and
 * {@code {name:identifier}} as a quoted identifier (both through {@link ParameterBinder}); Fugue's raw
 * {@code {{name}}} template only when the value is a plain identifier (then quoted too), since splicing
 * any other text into SQL is an injection.
 * <pre>{@code
 * FsqlParameters parameters = new FsqlParameters(context::lookup, context.variableNames());
 * BoundStatement bound = parameters.bind("SELECT * FROM t WHERE city = {city}", 0, body);   // ... city = ?
 * }</pre>
 */
final class FsqlParameters {
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{([A-Za-z_][A-Za-z0-9_]*)}}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Function<String, Optional<Object>> variables;
    private final Set<String> knownNames;
    private final ParameterBinder binder;

    FsqlParameters(Function<String, Optional<Object>> variables, Set<String> knownNames) {
        this.variables = requireNonNull(variables, "variables is null");
        this.knownNames = Set.copyOf(knownNames);
        this.binder = new ParameterBinder(SqlDialect.SPARK, variables, knownNames);
    }

    /**
     * @param sql    a SELECT as written
     * @param offset where it starts in {@code body}
     */
    BoundStatement bind(String sql, int offset, SourceText body) {
        if (!sql.contains("{{")) {
            return binder.bind(new SqlScript.Statement(sql, offset), body);      // no template to rewrite
        }
        // {{name}} becomes {name:identifier} once its value is checked; the offsets map back through the rewrite.
        StringBuilder rewritten = new StringBuilder();
        List<int[]> marks = new ArrayList<>();        // [rewritten end, written end] of each rewrite
        SqlScanner scanner = new SqlScanner(sql, SqlDialect.SPARK);
        int copied = 0;
        while (scanner.hasNext()) {
            int at = scanner.position();
            Matcher template = scanner.nextIsCode() && sql.startsWith("{{", at) ? TEMPLATE.matcher(sql).region(at, sql.length()) : null;
            if (template != null && template.lookingAt()) {
                check(template.group(1), offset + at, offset + template.end(), body);
                rewritten.append(sql, copied, at).append('{').append(template.group(1)).append(":identifier}");
                copied = template.end();
                marks.add(new int[]{rewritten.length(), copied});
                while (scanner.position() < template.end()) {
                    scanner.advance();
                }
                continue;
            }
            scanner.advance();
        }
        rewritten.append(sql, copied, sql.length());
        if (marks.isEmpty()) {
            return binder.bind(new SqlScript.Statement(sql, offset), body);
        }
        // Bound against a body whose text is the rewrite, then mapped back to the written offsets.
        String text = body.text();
        String shiftedBody = text.substring(0, offset) + rewritten + text.substring(offset + sql.length());
        BoundStatement bound = binder.bind(new SqlScript.Statement(rewritten.toString(), offset),
                new SourceText(shiftedBody, body.firstLine()));
        List<BoundStatement.Shift> shifts = bound.shifts().stream()
                .map(s -> new BoundStatement.Shift(s.sentOffset(), written(s.writtenOffset(), marks))).toList();
        return new BoundStatement(bound.sql(), bound.parameters(), shifts);
    }

    private static int written(int rewrittenOffset, List<int[]> marks) {
        int rewrittenBase = 0;
        int writtenBase = 0;
        for (int[] mark : marks) {
            if (mark[0] <= rewrittenOffset) {
                rewrittenBase = mark[0];
                writtenBase = mark[1];
            }
        }
        return writtenBase + (rewrittenOffset - rewrittenBase);
    }

    private void check(String name, int start, int end, SourceText body) {
        Optional<Object> value = variables.apply(name);
        if (value.isEmpty() && !knownNames.contains(name)) {
            throw error(ErrorName.UNKNOWN_VARIABLE, body, start, end, "names no notebook variable"
                    + CloseNames.hint(name, knownNames, "") + "; define it in a Java cell first");
        }
        Object held = value.orElse(null);
        if (!(held instanceof String text) || !IDENTIFIER.matcher(text).matches()) {
            throw error(ErrorName.BAD_IDENTIFIER, body, start, end, "is a raw template, which %%fsql accepts only for a plain "
                    + "identifier (letters, digits, _), and the value is not one; write {" + name + "} to bind it as a value, "
                    + "or {" + name + ":identifier} for a quoted identifier");
        }
    }

    private static MagicError error(ErrorName name, SourceText body, int start, int end, String problem) {
        return new MagicError(name, body.text().substring(start, end) + " at " + body.positionOf(start) + " " + problem)
                .at(body.positionOf(start), List.of(body.caret(start, end)));
    }
}
