package io.kindling.magics.fsql;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What one {@code %%fsql} statement does, as parsed. A step that reads a dataframe names it in
 * {@code from}; when it does not, it reads the previous statement's result (anonymous chaining).
 * <pre>{@code
 * FsqlCell cell = FsqlCell.parse(new SourceText("x = SELECT 1 AS a\nPRINT 5 ROWS", 2));
 * cell.statements().get(1).step();   // Print[rows=Optional[5], from=Optional.empty, rowCount=false, title=Optional.empty]
 * }</pre>
 */
public sealed interface FsqlStep {

    /** The dataframe the step reads when it names one. */
    default Optional<String> from() {
        return Optional.empty();
    }

    /** Whether the step's result is a dataframe that later statements (and YIELD) can use. */
    default boolean producesDataframe() {
        return true;
    }

    /** Whether the step reads the previous result when it names no dataframe. */
    default boolean readsPrevious() {
        return true;
    }

    /**
     * A query in Spark SQL, as written; {@code offset} is where it starts in the cell's body, {@code sources}
     * the {@code (PRESTO ...)} and {@code (LOAD ...)} written in it, in order.
     */
    record Select(String sql, int offset, List<NestedSource> sources) implements FsqlStep {
        public Select {
            requireNonNull(sql, "sql is null");
            sources = List.copyOf(sources);
        }

        Select(String sql, int offset) {
            this(sql, offset, List.of());
        }

        @Override
        public boolean readsPrevious() {
            return false;     // decided by the planner: only a SELECT without FROM reads the previous result
        }
    }

    /** {@code LOAD [PARQUET|CSV|JSON] "path" [(options)] [COLUMNS schema]}. */
    record Load(Optional<String> format, String path, Map<String, String> options, Optional<String> columns) implements FsqlStep {
        public Load {
            requireNonNull(format, "format is null");
            requireNonNull(path, "path is null");
            options = Map.copyOf(options);
            requireNonNull(columns, "columns is null");
        }

        @Override
        public boolean readsPrevious() {
            return false;
        }
    }

    /** How {@code SAVE} treats a path that exists. */
    enum SaveMode { OVERWRITE, APPEND, TO }

    /** {@code SAVE [AND USE] [df] [OVERWRITE|APPEND|TO] [SINGLE] [format] "path" [(options)]}. */
    record Save(Optional<String> from, SaveMode mode, boolean single, Optional<String> format, String path,
                Map<String, String> options, boolean andUse) implements FsqlStep {
        public Save {
            requireNonNull(from, "from is null");
            requireNonNull(mode, "mode is null");
            requireNonNull(format, "format is null");
            requireNonNull(path, "path is null");
            options = Map.copyOf(options);
        }

        @Override
        public boolean producesDataframe() {
            return andUse;
        }
    }

    /** {@code PRINT [n ROWS] [FROM df] [ROWCOUNT] [TITLE "..."]}. */
    record Print(Optional<Integer> rows, Optional<String> from, boolean rowCount, Optional<String> title) implements FsqlStep {
        public Print {
            requireNonNull(rows, "rows is null");
            requireNonNull(from, "from is null");
            requireNonNull(title, "title is null");
        }

        @Override
        public boolean producesDataframe() {
            return false;
        }
    }

    /** What {@code YIELD} binds in the notebook. */
    enum YieldKind { DATAFRAME, LOCAL_DATAFRAME, FILE }

    /** {@code YIELD [LOCAL] DATAFRAME|FILE [AS name]}: binds the previous result (or the named one). */
    record Yield(YieldKind kind, Optional<String> name) implements FsqlStep {
        public Yield {
            requireNonNull(kind, "kind is null");
            requireNonNull(name, "name is null");
        }

        @Override
        public boolean producesDataframe() {
            return false;
        }
    }

    /** {@code TAKE [n ROWS] [FROM df] [PREPARTITION BY cols] [PRESORT col [ASC|DESC], ...]}: the first n rows (of each group). */
    record Take(int rows, Optional<String> from, List<String> partitionBy, List<SortColumn> presort) implements FsqlStep {
        public Take {
            requireNonNull(from, "from is null");
            partitionBy = List.copyOf(partitionBy);
            presort = List.copyOf(presort);
        }
    }

    /** A column to sort by. */
    record SortColumn(String column, boolean descending) {
        public SortColumn {
            requireNonNull(column, "column is null");
        }
    }

    /** {@code SAMPLE [REPLACE] n ROWS | p PERCENT [SEED s] [FROM df]}. */
    record Sample(Optional<Long> rows, Optional<Double> percent, boolean replace, Optional<Long> seed, Optional<String> from)
            implements FsqlStep {
        public Sample {
            requireNonNull(rows, "rows is null");
            requireNonNull(percent, "percent is null");
            requireNonNull(seed, "seed is null");
            requireNonNull(from, "from is null");
        }
    }

    /** {@code DROP ROWS IF ANY|ALL NULL [ON cols] [FROM df]}. */
    record DropRows(boolean all, List<String> on, Optional<String> from) implements FsqlStep {
        public DropRows {
            on = List.copyOf(on);
            requireNonNull(from, "from is null");
        }
    }

    /** {@code DROP COLUMNS a, b [IF EXISTS] [FROM df]}. */
    record DropColumns(List<String> columns, boolean ifExists, Optional<String> from) implements FsqlStep {
        public DropColumns {
            columns = List.copyOf(columns);
            requireNonNull(from, "from is null");
        }
    }

    /** {@code FILL NULLS [PARAMS] col:value, ... [FROM df]}; values are literals as written. */
    record FillNulls(Map<String, Literal> values, Optional<String> from) implements FsqlStep {
        public FillNulls {
            values = Map.copyOf(values);
            requireNonNull(from, "from is null");
        }
    }

    /** {@code RENAME COLUMNS a:b, ... [FROM df]}. */
    record RenameColumns(Map<String, String> renames, Optional<String> from) implements FsqlStep {
        public RenameColumns {
            renames = Map.copyOf(renames);
            requireNonNull(from, "from is null");
        }
    }

    /** {@code ALTER COLUMNS a:type, ... [FROM df]}. */
    record AlterColumns(Map<String, String> types, Optional<String> from) implements FsqlStep {
        public AlterColumns {
            types = Map.copyOf(types);
            requireNonNull(from, "from is null");
        }
    }

    /** {@code DISTINCT [FROM df]}. */
    record Distinct(Optional<String> from) implements FsqlStep {
        public Distinct {
            requireNonNull(from, "from is null");
        }
    }

    /** What {@code PERSIST}, {@code BROADCAST} and {@code CHECKPOINT} do to a dataframe. */
    enum MarkKind { PERSIST, BROADCAST, CHECKPOINT }

    /** {@code PERSIST|BROADCAST|CHECKPOINT [df]}. */
    record Mark(MarkKind kind, Optional<String> from) implements FsqlStep {
        public Mark {
            requireNonNull(kind, "kind is null");
            requireNonNull(from, "from is null");
        }
    }

    /** How {@code ZIP} matches groups: as the join of the same name. */
    enum ZipHow {
        INNER("inner"), LEFT_OUTER("left_outer"), RIGHT_OUTER("right_outer"), FULL_OUTER("full_outer"), CROSS("cross");

        private final String sparkJoin;

        ZipHow(String sparkJoin) {
            this.sparkJoin = sparkJoin;
        }

        /** Spark's name of the join type. */
        String sparkJoin() {
            return sparkJoin;
        }
    }

    /**
     * {@code ZIP a, b [, c ...] [INNER|LEFT OUTER|RIGHT OUTER|FULL OUTER|CROSS] [BY cols] [PRESORT col [ASC|DESC], ...]}:
     * one row per key, holding each dataframe's rows of that key as a list column named after it (Fugue's zipped
     * dataframe, co-grouped on Spark), in {@code PRESORT} order. Without {@code BY} the keys are the columns all of
     * them have.
     */
    record Zip(List<String> frames, List<String> by, ZipHow how, List<SortColumn> presort) implements FsqlStep {
        public Zip {
            frames = List.copyOf(frames);
            by = List.copyOf(by);
            presort = List.copyOf(presort);
            requireNonNull(how, "how is null");
        }

        @Override
        public boolean readsPrevious() {
            return false;
        }
    }

    /** {@code [OUT]TRANSFORM [df] [PREPARTITION BY cols [PRESORT ...]] USING fn [(params)] [SCHEMA ...]}. */
    record Transform(boolean out, Optional<String> from, List<String> partitionBy, List<SortColumn> presort, String function,
                     Map<String, String> params, Optional<String> schema) implements FsqlStep {
        public Transform {
            requireNonNull(from, "from is null");
            partitionBy = List.copyOf(partitionBy);
            presort = List.copyOf(presort);
            requireNonNull(function, "function is null");
            params = Map.copyOf(params);
            requireNonNull(schema, "schema is null");
        }

        @Override
        public boolean producesDataframe() {
            return !out;
        }
    }

    /**
     * A literal value as written: a string's content, a number's text, or a bare word
     * ({@code true}, {@code null}).
     */
    record Literal(String text, boolean quoted) {
        public Literal {
            requireNonNull(text, "text is null");
        }

        /** The value as Java: strings stay strings, numbers become Long or Double, true/false Boolean, null null. */
        public Object value() {
            if (quoted) {
                return text;
            }
            if (text.equalsIgnoreCase("null")) {
                return null;
            }
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException notNumber) {
                    return text;
                }
            }
        }
    }
}
