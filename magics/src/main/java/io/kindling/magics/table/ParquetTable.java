package io.kindling.magics.table;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.dflib.DataFrame;

import java.net.URI;
import java.util.Locale;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * A table stored as Parquet files, too big (or too far away) to hold in the notebook: where it is, its
 * schema, how many rows, files and bytes, and its first rows. Spark code reads it whole with
 * {@link #dataset}; {@link #toDataFrame} brings a bounded sample into DFLib. Immutable: it describes
 * the files as they were when it was made.
 *
 * <p>It keeps a {@code Supplier<SparkSession>} rather than a session because the notebook's session
 * changes (a cluster starts, ends, the local session comes back): in a notebook that is
 * {@code Spark::session}, so a handle made on one cluster still reads on the next.
 * <pre>{@code
 * spark.range(1_000).selectExpr("id", "id % 7 AS bucket").write().parquet("/tmp/ids");
 * ParquetTable ids = ParquetTable.describe(URI.create("file:///tmp/ids"), 20, Spark::session);
 * ids.rows();                                     // 1000, from the files' footers
 * ids.dataset(Spark.session()).groupBy("bucket").count().show();
 * DataFrame sample = ids.toDataFrame(100);
 * }</pre>
 */
public final class ParquetTable {
    /** Characters of the schema {@link #toString()} shows before cutting it short. */
    private static final int SCHEMA_IN_ONE_LINE = 160;

    private final URI location;
    private final StructType schema;
    private final long rows;
    private final long bytes;
    private final int files;
    private final DataFrame preview;
    private final Supplier<SparkSession> sessions;

    /**
     * @param location where the files are: any Hadoop file system URI ({@code file:}, {@code s3a:}, {@code hdfs:} ...)
     * @param preview  the table's first rows
     * @param sessions the Spark session to read with when no session is handed in ({@link #toDataFrame})
     */
    public ParquetTable(URI location, StructType schema, long rows, long bytes, int files, DataFrame preview,
                        Supplier<SparkSession> sessions) {
        this.location = requireNonNull(location, "location is null");
        this.schema = requireNonNull(schema, "schema is null");
        if (rows < 0 || bytes < 0 || files < 0) {
            throw new IllegalArgumentException("rows, bytes and files must not be negative: " + rows + ", " + bytes + ", " + files);
        }
        this.rows = rows;
        this.bytes = bytes;
        this.files = files;
        this.preview = requireNonNull(preview, "preview is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
    }

    /**
     * Describes the Parquet files under {@code location}: the schema as Spark reads it (partition columns
     * included), rows from the files' footers, bytes and files from a listing that leaves out
     * {@code _SUCCESS} and hidden files, and the first {@code previewRows} rows. No column is scanned
     * beyond the preview.
     *
     * @throws io.kindling.magics.magic.MagicError NO_TABLE_FILES when the location cannot be listed,
     *                                             holds no data file, or holds a file that is not Parquet
     */
    public static ParquetTable describe(URI location, int previewRows, Supplier<SparkSession> sessions) {
        requireNonNull(location, "location is null");
        requireNonNull(sessions, "sessions is null");
        if (previewRows < 0) {
            throw new IllegalArgumentException("previewRows must not be negative: " + previewRows);
        }
        SparkSession spark = requireNonNull(sessions.get(), "the session supplier gave null");
        // The session's Hadoop settings (spark.hadoop.*, S3 credentials) reach the listing and the footers too.
        ParquetFiles content = ParquetFiles.scan(location, spark.sessionState().newHadoopConf());
        Dataset<Row> dataset = read(spark, location);
        DataFrame preview = SparkTables.toLocal(dataset, previewRows).dataFrame();
        return new ParquetTable(location, dataset.schema(), content.rows(), content.bytes(), content.files(), preview, sessions);
    }

    public URI location() {
        return location;
    }

    public StructType schema() {
        return schema;
    }

    /** The schema as a reader writes it, e.g. {@code id BIGINT NOT NULL, region STRING}. */
    public String schemaText() {
        return schema.toDDL();
    }

    public long rows() {
        return rows;
    }

    /** Bytes of the data files. */
    public long bytes() {
        return bytes;
    }

    /** Number of data files. */
    public int files() {
        return files;
    }

    /** The first rows, read when this handle was made. */
    public DataFrame preview() {
        return preview;
    }

    /** The whole table as a (lazy) Spark DataFrame on {@code spark}. */
    public Dataset<Row> dataset(SparkSession spark) {
        return read(requireNonNull(spark, "spark is null"), location);
    }

    /** The whole table as a (lazy) Spark DataFrame on the session the handle was given (the notebook's). */
    public Dataset<Row> dataset() {
        return dataset(sessions.get());
    }

    /** At most {@code limit} rows in DFLib, read with the session the handle was given. */
    public DataFrame toDataFrame(long limit) {
        return collect(limit).dataFrame();
    }

    /** At most {@code limit} rows in DFLib, and whether the table has more. */
    public CollectedTable collect(long limit) {
        return SparkTables.toLocal(dataset(), limit);
    }

    private static Dataset<Row> read(SparkSession spark, URI location) {
        return spark.read().parquet(location.toString());
    }

    @Override
    public String toString() {
        String columns = schemaText();
        if (columns.length() > SCHEMA_IN_ONE_LINE) {
            columns = columns.substring(0, SCHEMA_IN_ONE_LINE) + "...";
        }
        return String.format(Locale.ROOT, "ParquetTable %s: %s, %s, %s (%s)", location, TableStats.count(rows, "row"),
                TableStats.count(files, "file"), TableStats.bytes(bytes), columns);
    }
}
