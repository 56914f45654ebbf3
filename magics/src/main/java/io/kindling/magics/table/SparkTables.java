package io.kindling.magics.table;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dflib.DataFrame;
import org.dflib.Index;
import org.dflib.Series;

import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * DFLib tables to Spark DataFrames and back, column by column and type for type, never through text.
 * A column's Spark type comes from its series (see {@link #schema}); Spark's rows come back with Java
 * values: {@code java.time} dates and timestamps, {@link List}s, {@link java.util.LinkedHashMap}s and
 * {@link Struct}s, and NULL-free long, int, double, float and boolean columns as primitive series.
 *
 * <p>Spark keeps timestamps to the microsecond, so an {@code Instant} or {@code LocalDateTime} with
 * nanoseconds comes back truncated; a decimal comes back at its column's scale ({@code 1.5} in a
 * {@code decimal(4,2)} column is {@code 1.50}).
 * <pre>{@code
 * DataFrame rides = DataFrame.foldByRow("region", "km").of("north", 4.2, "south", 9.8);
 * Dataset<Row> distributed = SparkTables.toSpark(spark, rides);
 * CollectedTable back = SparkTables.toLocal(distributed.groupBy("region").sum("km"), 10_000);
 * back.dataFrame();   // DFLib again; back.truncated() says whether rows were left behind
 * }</pre>
 */
public final class SparkTables {
    /** The most rows a DFLib table can hold (its columns are Java arrays). */
    public static final long MAX_ROWS = Integer.MAX_VALUE - 8;

    private SparkTables() {
    }

    /**
     * The Spark schema of a DFLib table: one nullable field per column (not nullable for primitive
     * series, which hold no NULLs), typed as {@link ColumnTypeInference} explains.
     *
     * @throws io.kindling.magics.magic.MagicError UNSUPPORTED_TYPE naming the column when its values have
     *                                             no Spark type or more than one
     */
    public static StructType schema(DataFrame frame) {
        requireNonNull(frame, "frame is null");
        Index columns = frame.getColumnsIndex();
        StructField[] fields = new StructField[columns.size()];
        for (int c = 0; c < fields.length; c++) {
            String name = columns.get(c);
            Series<?> series = frame.getColumn(c);
            boolean primitive = series.getNominalType().isPrimitive();
            fields[c] = DataTypes.createStructField(name, ColumnTypeInference.infer(name, series), !primitive);
        }
        return DataTypes.createStructType(fields);
    }

    /** The DFLib table as a Spark DataFrame on {@code spark}, with the schema {@link #schema} gives. */
    public static Dataset<Row> toSpark(SparkSession spark, DataFrame frame) {
        requireNonNull(spark, "spark is null");
        StructType schema = schema(frame);
        if (spark instanceof org.apache.spark.sql.classic.SparkSession classic) {
            return InternalRows.dataset(classic, frame, schema);
        }
        // A session we cannot hand a Catalyst plan (Spark Connect) takes external rows.
        return spark.createDataFrame(rows(frame, schema), schema);
    }

    /** The table's rows as Spark rows, in {@code schema}'s column order (see {@link #schema}); what engines hand to functions. */
    public static List<Row> toRows(DataFrame frame, StructType schema) {
        return rows(requireNonNull(frame, "frame is null"), requireNonNull(schema, "schema is null"));
    }

    /**
     * Spark rows (of this class's conversions, or external rows of a Dataset) as a DFLib table with
     * {@code schema}'s columns, values in notebook form ({@code java.time}, {@code List}, {@link Struct}).
     */
    public static DataFrame toDataFrame(List<Row> rows, StructType schema) {
        return toDataFrame(requireNonNull(rows, "rows is null"), rows.size(), requireNonNull(schema, "schema is null"));
    }

    /**
     * The same Dataset, read back as rows with {@code java.time} dates and timestamps whatever the
     * session's {@code spark.sql.datetime.java8API.enabled} says (for typed operations such as
     * {@code mapPartitions}); a session other than a classic one keeps its own encoder.
     */
    public static Dataset<Row> withJavaTime(Dataset<Row> dataset) {
        requireNonNull(dataset, "dataset is null");
        return dataset instanceof org.apache.spark.sql.classic.Dataset<?> ? dataset.as(JavaTimeRows.encoder(dataset.schema())) : dataset;
    }

    /**
     * Spark rows for the table, filled column by column: one pass per column with its own conversion
     * (none for scalars), so no value is looked at twice and nothing is decided per cell.
     */
    static List<Row> rows(DataFrame frame, StructType schema) {
        int height = frame.height();
        int width = schema.fields().length;
        Object[][] cells = new Object[height][width];
        for (int c = 0; c < width; c++) {
            Series<?> series = frame.getColumn(c);
            DataType type = schema.fields()[c].dataType();
            if (SparkValues.needsToSpark(type)) {
                for (int r = 0; r < height; r++) {
                    cells[r][c] = SparkValues.toSpark(series.get(r), type);
                }
            } else {
                for (int r = 0; r < height; r++) {
                    cells[r][c] = series.get(r);
                }
            }
        }
        Row[] rows = new Row[height];
        for (int r = 0; r < height; r++) {
            rows[r] = RowFactory.create(cells[r]);
            cells[r] = null;
        }
        return Arrays.asList(rows);
    }

    /**
     * At most {@code limit} rows of a Spark DataFrame as a DFLib table (Spark runs the plan once, stopping
     * after {@code limit + 1} rows, so {@link CollectedTable#truncated()} knows whether more existed).
     */
    public static CollectedTable toLocal(Dataset<Row> dataset, long limit) {
        requireNonNull(dataset, "dataset is null");
        if (limit < 0 || limit > MAX_ROWS) {
            throw new IllegalArgumentException("limit must be between 0 and " + MAX_ROWS + ": " + limit);
        }
        Dataset<Row> limited = dataset.limit((int) limit + 1);
        // In a classic session, Spark itself makes java.time values (see JavaTimeRows); elsewhere
        // SparkValues converts java.sql ones.
        List<Row> rows = dataset instanceof org.apache.spark.sql.classic.Dataset<?>
                ? limited.as(JavaTimeRows.encoder(dataset.schema())).collectAsList() : limited.collectAsList();
        boolean truncated = rows.size() > limit;
        int height = (int) Math.min(rows.size(), limit);
        return new CollectedTable(toDataFrame(rows, height, dataset.schema()), truncated);
    }

    /** The first {@code height} of {@code rows} as a DFLib table with {@code schema}'s columns. */
    static DataFrame toDataFrame(List<Row> rows, int height, StructType schema) {
        StructField[] fields = schema.fields();
        Series<?>[] columns = new Series<?>[fields.length];
        Row[] array = rows.subList(0, height).toArray(Row[]::new);
        for (int c = 0; c < fields.length; c++) {
            columns[c] = column(array, c, fields[c].dataType());
        }
        // A join's result may repeat a name (two "id"s); DFLib labels must be unique, so the repeat gets a suffix.
        return DataFrame.byColumn(Index.ofDeduplicated(schema.fieldNames())).of(columns);
    }

    private static Series<?> column(Row[] rows, int c, DataType type) {
        if (!hasNulls(rows, c)) {
            if (type instanceof LongType) {
                long[] values = new long[rows.length];
                for (int r = 0; r < rows.length; r++) {
                    values[r] = rows[r].getLong(c);
                }
                return Series.ofLong(values);
            }
            if (type instanceof IntegerType) {
                int[] values = new int[rows.length];
                for (int r = 0; r < rows.length; r++) {
                    values[r] = rows[r].getInt(c);
                }
                return Series.ofInt(values);
            }
            if (type instanceof DoubleType) {
                double[] values = new double[rows.length];
                for (int r = 0; r < rows.length; r++) {
                    values[r] = rows[r].getDouble(c);
                }
                return Series.ofDouble(values);
            }
            if (type instanceof FloatType) {
                float[] values = new float[rows.length];
                for (int r = 0; r < rows.length; r++) {
                    values[r] = rows[r].getFloat(c);
                }
                return Series.ofFloat(values);
            }
            if (type instanceof BooleanType) {
                boolean[] values = new boolean[rows.length];
                for (int r = 0; r < rows.length; r++) {
                    values[r] = rows[r].getBoolean(c);
                }
                return Series.ofBool(values);
            }
        }
        Object[] values = new Object[rows.length];
        if (SparkValues.needsToLocal(type)) {
            for (int r = 0; r < rows.length; r++) {
                values[r] = SparkValues.toLocal(rows[r].get(c), type);
            }
        } else {
            for (int r = 0; r < rows.length; r++) {
                values[r] = rows[r].get(c);
            }
        }
        return Series.of(values);
    }

    private static boolean hasNulls(Row[] rows, int c) {
        for (Row row : rows) {
            if (row.isNullAt(c)) {
                return true;
            }
        }
        return false;
    }
}
