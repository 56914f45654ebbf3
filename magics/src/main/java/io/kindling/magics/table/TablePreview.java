package io.kindling.magics.table;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.dflib.DataFrame;

import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a notebook shows of any table kind: its first rows as a DFLib table and one line saying how
 * much that is of the whole. A Spark Dataset is not counted (that would run a full job): only its
 * first rows are fetched, and the line says so.
 * <pre>{@code
 * TablePreview.of(Spark.session().range(1000).toDF(), 50).get().size();
 * // "first 50 rows of a Spark Dataset (not counted) × 1 column"
 * }</pre>
 *
 * @param rows the first rows, at most the number asked for
 * @param size how many rows and columns the whole table has, as far as known
 */
public record TablePreview(DataFrame rows, String size) {
    public TablePreview {
        requireNonNull(rows, "rows is null");
        requireNonNull(size, "size is null");
    }

    /** The first {@code limit} rows of {@code table}; empty when it is no table. */
    @SuppressWarnings("unchecked")
    public static Optional<TablePreview> of(Object table, int limit) {
        if (table instanceof DataFrame frame) {
            return Optional.of(new TablePreview(frame.head(limit), size(frame.height(), frame.width(), limit, "")));
        }
        if (table instanceof Dataset<?> dataset) {
            CollectedTable first = SparkTables.toLocal((Dataset<Row>) dataset.toDF(), limit);
            String size = first.truncated()
                    ? "first " + TableStats.count(limit, "row") + " of a Spark Dataset (not counted) × " + TableStats.count(first.dataFrame().width(), "column")
                    : size(first.dataFrame().height(), first.dataFrame().width(), limit, " (Spark Dataset)");
            return Optional.of(new TablePreview(first.dataFrame(), size));
        }
        if (table instanceof ParquetTable files) {
            DataFrame preview = files.preview().head(limit);
            return Optional.of(new TablePreview(preview, size(files.rows(), files.schema().size(), preview.height(), "")
                    + " · " + TableStats.count(files.files(), "Parquet file") + ", " + TableStats.bytes(files.bytes())
                    + " at " + files.location()));
        }
        return Optional.empty();
    }

    private static String size(long rows, int columns, int shown, String kind) {
        return TableStats.count(rows, "row") + " × " + TableStats.count(columns, "column") + kind
                + (rows > shown ? String.format(Locale.ROOT, " (first %d shown)", shown) : "");
    }
}
