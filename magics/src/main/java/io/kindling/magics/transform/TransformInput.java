package io.kindling.magics.transform;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.table.ParquetTable;
import io.kindling.magics.table.RecordRows;
import io.kindling.magics.table.SparkTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.dflib.DataFrame;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A transform's input, read from whatever the notebook holds: local rows (a DFLib table, a list or
 * iterable of records or of maps) or a Spark Dataset (a Dataset, a Parquet-files handle, a Parquet
 * path). Local rows stay in the kernel unless the call asks for Spark.
 */
sealed interface TransformInput {
    StructType schema();

    /** Rows in the kernel's memory. */
    record Local(List<Row> rows, StructType schema) implements TransformInput {
    }

    record Distributed(Dataset<Row> dataset) implements TransformInput {
        @Override
        public StructType schema() {
            return dataset.schema();
        }
    }

    /**
     * @param inRecord the function's input record class, which gives an empty list its columns
     * @param session  the session of {@code on(...)}, for inputs that need Spark to be read at all
     */
    static TransformInput of(Object input, Optional<Class<?>> inRecord, Optional<Supplier<SparkSession>> session) {
        if (input == null) {
            throw new MagicError(ErrorName.UNSUPPORTED_INPUT, "the input is null");
        }
        if (input instanceof DataFrame frame) {
            StructType schema = SparkTables.schema(frame);
            return new Local(SparkTables.toRows(frame, schema), schema);
        }
        if (input instanceof Dataset<?> dataset) {
            return new Distributed(dataset.toDF());
        }
        if (input instanceof ParquetTable table) {
            return new Distributed(table.dataset(session(session, "the Parquet table " + table.location())));
        }
        if (input instanceof String || input instanceof URI || input instanceof Path) {
            String path = input instanceof Path p ? p.toUri().toString() : input.toString();
            return new Distributed(session(session, "the Parquet path " + path).read().parquet(path));
        }
        if (input instanceof Iterable<?> items) {
            return iterable(items, inRecord);
        }
        throw new MagicError(ErrorName.UNSUPPORTED_INPUT, "transform cannot read a " + input.getClass().getName()
                + "; give a DFLib DataFrame, a List or Iterable of records or of Map<String,Object>, a Spark Dataset,"
                + " a ParquetTable or a Parquet path");
    }

    private static TransformInput iterable(Iterable<?> items, Optional<Class<?>> inRecord) {
        List<Object> values = new ArrayList<>();
        items.forEach(values::add);
        if (values.isEmpty()) {
            @SuppressWarnings("unchecked")
            StructType schema = inRecord.map(type -> (StructType) RecordRows.schema((Class<? extends Record>) type))
                    .orElseThrow(() -> new MagicError(ErrorName.UNSUPPORTED_INPUT,
                            "the input list is empty and its rows are maps, so it has no columns; name a record class for its rows"));
            return new Local(List.of(), schema);
        }
        Object first = values.get(0);
        if (first instanceof Record) {
            for (Object value : values) {
                if (value == null || value.getClass() != first.getClass()) {
                    throw new MagicError(ErrorName.UNSUPPORTED_INPUT, "the input list mixes " + first.getClass().getSimpleName()
                            + " with " + (value == null ? "null" : value.getClass().getName()) + "; give rows of one record class");
                }
            }
            // Compiled once for the class: method handles, not reflection per row.
            RecordWriter writer = RecordWriter.of(first.getClass());
            List<Row> rows = new ArrayList<>(values.size());
            values.forEach(v -> rows.add(writer.write(v)));
            return new Local(rows, writer.schema());
        }
        if (first instanceof Map<?, ?>) {
            return maps(values);
        }
        throw new MagicError(ErrorName.UNSUPPORTED_INPUT, "the input list holds " + first.getClass().getName()
                + "; give records or Map<String,Object> rows");
    }

    /** Maps become a DFLib table first: its column types come from the values, as for any notebook table. */
    private static TransformInput maps(List<Object> values) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (Object value : values) {
            if (!(value instanceof Map<?, ?> map)) {
                throw new MagicError(ErrorName.UNSUPPORTED_INPUT, "the input list mixes maps with " + (value == null ? "null"
                        : value.getClass().getName()));
            }
            map.keySet().forEach(k -> names.add(String.valueOf(k)));
        }
        String[] columns = names.toArray(String[]::new);
        Object[] cells = new Object[values.size() * columns.length];
        int at = 0;
        for (Object value : values) {
            Map<?, ?> map = (Map<?, ?>) value;
            for (String column : columns) {
                cells[at++] = map.get(column);
            }
        }
        DataFrame frame = DataFrame.foldByRow(columns).of(cells);
        StructType schema = SparkTables.schema(frame);
        return new Local(SparkTables.toRows(frame, schema), schema);
    }

    private static SparkSession session(Optional<Supplier<SparkSession>> session, String what) {
        return session.isPresent() ? session.get().get() : RunningSession.running(what + " is read with Spark");
    }
}
