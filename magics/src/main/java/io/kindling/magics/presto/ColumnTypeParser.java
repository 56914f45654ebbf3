package io.kindling.magics.presto;

import io.kindling.magics.table.jdbc.ColumnKind;
import io.kindling.magics.table.jdbc.ColumnType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Parses the type names trino-jdbc reports ({@code ResultSetMetaData.getColumnTypeName}), such as
 * {@code "map(varchar(1),array(timestamp(3) with time zone))"} or {@code "row(id bigint,name varchar)"}.
 *
 * <p>The driver prints row field names unquoted, so a name with spaces, commas or parentheses makes
 * the text ambiguous. Parsing is therefore lenient: a field whose text is not a known type is read
 * as {@code name type} split at the first space, and if the whole text still does not parse, only
 * the outermost type is kept (its nested values are then converted by their Java class).
 */
final class ColumnTypeParser {
    private final String text;
    private int position;

    private ColumnTypeParser(String text) {
        this.text = text;
    }

    static ColumnType parse(String typeName) {
        requireNonNull(typeName, "typeName is null");
        ColumnTypeParser parser = new ColumnTypeParser(typeName);
        try {
            ColumnType type = parser.type();
            if (parser.position == typeName.length()) {
                return type;
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // Ambiguous field names: fall back to the outermost type below.
        }
        return outermost(typeName);
    }

    private static ColumnType outermost(String typeName) {
        int open = typeName.indexOf('(');
        String head = normalize(open < 0 ? typeName : typeName.substring(0, open));
        if (head.equals("array") || head.equals("map") || head.equals("row")) {
            return new ColumnType(head, kindOf(head), List.of(), List.of());
        }
        return scalar(normalize(typeName.replaceAll("\\([^)]*\\)", "")));
    }

    private ColumnType type() {
        String head = words();
        if (!atEnd() && peek() == '(') {
            String base = normalize(head);
            switch (base) {
                case "array":
                    return container(base, 1);
                case "map":
                    return container(base, 2);
                case "row":
                    return row();
                default:
                    skipParameters();          // varchar(3), decimal(4,2), qdigest(bigint), timestamp(3) ...
                    head = head + words();     // ... " with time zone"
            }
        }
        String name = normalize(head);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("no type name at " + position + " in " + text);
        }
        return scalar(name);
    }

    private ColumnType container(String base, int arity) {
        expect('(');
        List<ColumnType> children = new ArrayList<>();
        do {
            children.add(type());
        } while (accept(','));
        expect(')');
        if (children.size() != arity) {
            throw new IllegalArgumentException(base + " takes " + arity + " type(s): " + text);
        }
        return new ColumnType(base, kindOf(base), children, List.of());
    }

    private ColumnType row() {
        expect('(');
        List<ColumnType> fields = new ArrayList<>();
        List<String> names = new ArrayList<>();
        do {
            field(fields, names);
        } while (accept(','));
        expect(')');
        return new ColumnType("row", ColumnKind.ROW, fields, names);
    }

    /** A row field is either a bare type ({@code integer}) or {@code name type} ({@code id bigint}). */
    private void field(List<ColumnType> fields, List<String> names) {
        int start = position;
        ColumnType bare = null;
        try {
            bare = type();
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // not a bare type; try "name type" below
        }
        boolean delimited = !atEnd() && (peek() == ',' || peek() == ')');
        if (bare != null && delimited && bare.kind() != ColumnKind.OTHER) {
            fields.add(bare);
            names.add("");
            return;
        }
        position = start;
        int space = text.indexOf(' ', start);
        int stop = firstDelimiter(start);
        if (space < 0 || space > stop) {
            if (bare == null || !delimited) {
                throw new IllegalArgumentException("cannot read row field at " + start + " in " + text);
            }
            position = stop;
            fields.add(bare);                  // an unnamed field of a type this reader does not know
            names.add("");
            return;
        }
        names.add(text.substring(start, space));
        position = space + 1;
        fields.add(type());
    }

    private int firstDelimiter(int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == ',' || c == ')') {
                return i;
            }
        }
        return text.length();
    }

    /** Letters, digits, spaces and the like, up to the next parenthesis or comma. */
    private String words() {
        int start = position;
        position = firstDelimiter(position);
        return text.substring(start, position);
    }

    private void skipParameters() {
        int depth = 0;
        do {
            char c = text.charAt(position++);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
        } while (depth > 0);
    }

    private boolean atEnd() {
        return position >= text.length();
    }

    private char peek() {
        return text.charAt(position);
    }

    private boolean accept(char c) {
        if (!atEnd() && peek() == c) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw new IllegalArgumentException("expected '" + c + "' at " + position + " in " + text);
        }
    }

    private static String normalize(String words) {
        return words.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static ColumnType scalar(String name) {
        return ColumnType.of(name, kindOf(name));
    }

    /** The kind of a Trino base type name without parameters, e.g. {@code "timestamp with time zone"} or {@code "HyperLogLog"}. */
    static ColumnKind kindOf(String baseName) {
        return switch (baseName.toLowerCase(Locale.ROOT)) {
            case "bigint" -> ColumnKind.BIGINT;
            case "integer", "int" -> ColumnKind.INTEGER;
            case "smallint" -> ColumnKind.SMALLINT;
            case "tinyint" -> ColumnKind.TINYINT;
            case "real" -> ColumnKind.REAL;
            case "double" -> ColumnKind.DOUBLE;
            case "boolean" -> ColumnKind.BOOLEAN;
            case "decimal" -> ColumnKind.DECIMAL;
            case "varchar", "char", "json", "uuid", "ipaddress" -> ColumnKind.TEXT;
            case "varbinary", "hyperloglog", "p4hyperloglog", "qdigest", "tdigest", "setdigest" -> ColumnKind.BINARY;
            case "date" -> ColumnKind.DATE;
            case "time" -> ColumnKind.TIME;
            case "time with time zone" -> ColumnKind.TIME_WITH_TIME_ZONE;
            case "timestamp" -> ColumnKind.TIMESTAMP;
            case "timestamp with time zone" -> ColumnKind.TIMESTAMP_WITH_TIME_ZONE;
            case "interval day to second" -> ColumnKind.INTERVAL_DAY_TO_SECOND;
            case "interval year to month" -> ColumnKind.INTERVAL_YEAR_TO_MONTH;
            case "array" -> ColumnKind.ARRAY;
            case "map" -> ColumnKind.MAP;
            case "row" -> ColumnKind.ROW;
            case "unknown" -> ColumnKind.NULL;
            default -> ColumnKind.OTHER;
        };
    }
}
