package io.kindling.magics.sql;

import io.kindling.magics.magic.MagicCompletion;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Completes notebook variable names after the <code>{</code> of a {@code {name}} parameter that
 * {@link ParameterBinder} would bind: not in string literals, quoted identifiers or comments, and not
 * after <code>{{</code> (a literal brace).
 * <pre>{@code
 * ParameterCompletion.complete(SqlDialect.TRINO, "SELECT * FROM t WHERE k > {min", 34, Set.of("minBalance", "top"));
 * // MagicCompletion[matches=[minBalance], start=27, end=34]
 * }</pre>
 */
public final class ParameterCompletion {
    private static final Pattern OPEN_REFERENCE = Pattern.compile("(?<!\\{)\\{([A-Za-z_$][A-Za-z0-9_$]*)?$");

    private ParameterCompletion() {
    }

    /** The variable names starting with what follows the <code>{</code> before {@code cursor}; empty when no reference is open there. */
    public static Optional<MagicCompletion> complete(SqlDialect dialect, String body, int cursor, Collection<String> variables) {
        requireNonNull(dialect, "dialect is null");
        requireNonNull(variables, "variables is null");
        Matcher open = OPEN_REFERENCE.matcher(body.substring(0, cursor));
        if (!open.find() || !isCode(body, open.start(), dialect)) {
            return Optional.empty();
        }
        String prefix = open.group(1) == null ? "" : open.group(1);
        return Optional.of(new MagicCompletion(
                variables.stream().filter(v -> v.startsWith(prefix)).sorted().toList(), open.start() + 1, cursor));
    }

    private static boolean isCode(String body, int at, SqlDialect dialect) {
        SqlScanner scanner = new SqlScanner(body, dialect);
        while (scanner.hasNext() && scanner.position() < at) {
            scanner.advance();
        }
        return scanner.position() == at && scanner.nextIsCode();
    }
}
