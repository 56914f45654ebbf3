package io.kindling.magics.table;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.types.DataTypeUtils;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.dflib.DataFrame;
import org.dflib.Series;
import scala.Function1;
import scala.Option;
import scala.collection.immutable.ArraySeq;

/**
 * A DFLib table as a Spark local relation of Catalyst rows, built column by column with one converter
 * per column. This skips Spark's external {@code Row}s and, more to the point, holds the rows in an
 * array-backed Seq: Spark's analyzer and optimizer copy a local relation's row Seq in every rule that
 * maps its expressions, and copying an array is far cheaper than rebuilding a linked list of a million
 * cells (what {@code createDataFrame(List<Row>, schema)} hands them).
 */
final class InternalRows {
    private InternalRows() {
    }

    static Dataset<Row> dataset(org.apache.spark.sql.classic.SparkSession spark, DataFrame frame, StructType schema) {
        int height = frame.height();
        int width = schema.fields().length;
        Object[][] cells = new Object[height][width];
        for (int c = 0; c < width; c++) {
            fill(cells, c, frame.getColumn(c), schema.fields()[c].dataType());
        }
        InternalRow[] rows = new InternalRow[height];
        for (int r = 0; r < height; r++) {
            rows[r] = new GenericInternalRow(cells[r]);
            cells[r] = null;
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        LocalRelation relation = new LocalRelation((scala.collection.immutable.Seq) DataTypeUtils.toAttributes(schema),
                ArraySeq.unsafeWrapArray(rows), false, Option.empty());
        return org.apache.spark.sql.classic.Dataset.ofRows(spark, relation);
    }

    /** Column {@code c} of every row, in Catalyst's form; boxed primitives already are. */
    private static void fill(Object[][] cells, int c, Series<?> series, DataType type) {
        int height = cells.length;
        if (series.getNominalType().isPrimitive()) {
            for (int r = 0; r < height; r++) {
                cells[r][c] = series.get(r);
            }
            return;
        }
        Function1<Object, Object> toCatalyst = CatalystTypeConverters.createToCatalystConverter(type);
        boolean nested = SparkValues.needsToSpark(type);
        for (int r = 0; r < height; r++) {
            Object value = series.get(r);
            cells[r][c] = value == null ? null : toCatalyst.apply(nested ? SparkValues.toSpark(value, type) : value);
        }
    }
}
