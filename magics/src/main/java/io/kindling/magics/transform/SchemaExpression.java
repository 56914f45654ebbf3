package io.kindling.magics.transform;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An output schema written as Fugue writes it, resolved against the input's schema:
 * <ul>
 *   <li>{@code a:int,b:str} — exactly these columns;</li>
 *   <li>{@code *,score:double} — every input column, then {@code score};</li>
 *   <li>{@code *-b,c} — every input column but {@code b} and {@code c}, which must exist;</li>
 *   <li>{@code *~b} — every input column but {@code b}, if it exists.</li>
 * </ul>
 * Types: {@code int long short byte double float str bool date datetime bytes decimal(p,s)}, and nested
 * {@code [int]} (list), {@code {a:int,b:str}} (struct), {@code <str,int>} (map).
 * <pre>{@code
 * StructType out = SchemaExpression.resolve("*-km,score:double", rides.schema());
 * }</pre>
 */
public final class SchemaExpression {
    private static final Map<String, DataType> TYPES = Map.ofEntries(
            Map.entry("int", DataTypes.IntegerType), Map.entry("int32", DataTypes.IntegerType),
            Map.entry("long", DataTypes.LongType), Map.entry("int64", DataTypes.LongType), Map.entry("bigint", DataTypes.LongType),
            Map.entry("short", DataTypes.ShortType), Map.entry("int16", DataTypes.ShortType),
            Map.entry("byte", DataTypes.ByteType), Map.entry("int8", DataTypes.ByteType),
            Map.entry("double", DataTypes.DoubleType), Map.entry("float64", DataTypes.DoubleType),
            Map.entry("float", DataTypes.FloatType), Map.entry("float32", DataTypes.FloatType),
            Map.entry("str", DataTypes.StringType), Map.entry("string", DataTypes.StringType),
            Map.entry("bool", DataTypes.BooleanType), Map.entry("boolean", DataTypes.BooleanType),
            Map.entry("date", DataTypes.DateType),
            Map.entry("datetime", DataTypes.TimestampType), Map.entry("timestamp", DataTypes.TimestampType),
            Map.entry("bytes", DataTypes.BinaryType), Map.entry("binary", DataTypes.BinaryType));

    private final String text;
    private final StructType input;
    private int at;

    private SchemaExpression(String text, StructType input) {
        this.text = text;
        this.input = input;
    }

    /**
     * @throws MagicError BAD_SCHEMA naming the position, or a column the input lacks
     */
    public static StructType resolve(String schema, StructType input) {
        if (schema == null || schema.isBlank()) {
            throw new MagicError(ErrorName.BAD_SCHEMA, "the output schema is empty; write it as Fugue does, e.g. \"*,score:double\""
                    + " or \"region:str,score:double\"");
        }
        return new SchemaExpression(schema, input).columns();
    }

    private StructType columns() {
        Map<String, StructField> fields = new LinkedHashMap<>();
        do {
            skipSpaces();
            if (peek() == '*') {
                at++;
                for (StructField field : input.fields()) {
                    fields.put(field.name(), field);
                }
                skipSpaces();
                if (peek() == '-' || peek() == '~') {
                    removals(fields);
                }
            } else {
                int start = at;
                StructField field = field();
                if (fields.containsKey(field.name())) {
                    throw error(start, "column '" + field.name() + "' appears twice");
                }
                fields.put(field.name(), field);
            }
            skipSpaces();
        } while (accept(','));
        if (at < text.length()) {
            throw error(at, "expected ',' or the end");
        }
        return DataTypes.createStructType(new ArrayList<>(fields.values()));
    }

    /** {@code -a,b} or {@code ~a,b}: names up to the next item that has a type. */
    private void removals(Map<String, StructField> fields) {
        boolean strict = text.charAt(at++) == '-';
        do {
            skipSpaces();
            int start = at;
            String name = name();
            if (fields.remove(name) == null && strict) {
                throw error(start, "'*-" + name + "' removes a column the input does not have (its columns: "
                        + String.join(", ", input.fieldNames()) + "); '*~" + name + "' removes it only if it exists");
            }
            skipSpaces();
        } while (peek() == ',' && !nextItemHasType() && accept(','));
    }

    private boolean nextItemHasType() {
        int next = at + 1;
        while (next < text.length() && text.charAt(next) != ',' && text.charAt(next) != ':') {
            next++;
        }
        return next < text.length() && text.charAt(next) == ':' || text.substring(at + 1).strip().startsWith("*");
    }

    private StructField field() {
        String name = name();
        skipSpaces();
        expect(':', "':' and a type after '" + name + "'");
        return DataTypes.createStructField(name, type(), true);
    }

    private DataType type() {
        skipSpaces();
        int start = at;
        if (accept('[')) {
            DataType element = type();
            skipSpaces();
            expect(']', "']' closing the list type");
            return DataTypes.createArrayType(element, true);
        }
        if (accept('{')) {
            List<StructField> nested = new ArrayList<>();
            do {
                skipSpaces();
                nested.add(field());
                skipSpaces();
            } while (accept(','));
            expect('}', "'}' closing the struct type");
            return DataTypes.createStructType(nested);
        }
        if (accept('<')) {
            DataType key = type();
            skipSpaces();
            expect(',', "',' between the map's key and value types");
            DataType value = type();
            skipSpaces();
            expect('>', "'>' closing the map type");
            return DataTypes.createMapType(key, value, true);
        }
        String word = name().toLowerCase(Locale.ROOT);
        if (word.equals("decimal")) {
            expect('(', "'(' and a precision after decimal");
            int precision = number();
            expect(',', "',' and a scale");
            int scale = number();
            expect(')', "')' closing decimal(p,s)");
            return DataTypes.createDecimalType(precision, scale);
        }
        DataType type = TYPES.get(word);
        if (type == null) {
            throw error(start, "'" + word + "' is not a type; use one of " + String.join(", ", new java.util.TreeSet<>(TYPES.keySet()))
                    + ", decimal(p,s), [type], {name:type,...} or <key,value>");
        }
        return type;
    }

    private String name() {
        int start = at;
        if (accept('`')) {
            int end = text.indexOf('`', at);
            if (end < 0) {
                throw error(start, "unclosed `");
            }
            at = end + 1;
            return text.substring(start + 1, end);
        }
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
            at++;
        }
        if (start == at) {
            throw error(start, "expected a name");
        }
        return text.substring(start, at);
    }

    private int number() {
        skipSpaces();
        int start = at;
        while (at < text.length() && Character.isDigit(text.charAt(at))) {
            at++;
        }
        if (start == at) {
            throw error(start, "expected a number");
        }
        int value = Integer.parseInt(text.substring(start, at));
        skipSpaces();
        return value;
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private boolean accept(char c) {
        if (peek() == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c, String what) {
        if (!accept(c)) {
            throw error(at, "expected " + what);
        }
    }

    private void skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private MagicError error(int position, String message) {
        return new MagicError(ErrorName.BAD_SCHEMA, "schema \"" + text + "\" at position " + (position + 1) + ": " + message,
                List.of("  " + text, "  " + " ".repeat(position) + "^"), null);
    }
}
