package io.kindling.magics.table;

import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.catalyst.encoders.RowEncoder;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructType;

/**
 * An encoder reading Spark rows with {@code java.time} dates and timestamps, whatever the session's
 * {@code spark.sql.datetime.java8API.enabled} says. Spark then builds {@code LocalDate}s and
 * {@code Instant}s straight from its day and microsecond counts, instead of {@code java.sql} values
 * (a calendar computation each) that we would convert again.
 */
final class JavaTimeRows {
    private JavaTimeRows() {
    }

    static Encoder<Row> encoder(StructType schema) {
        // Spark's row encoder reads the setting from the current SQLConf: a private conf for this thread
        // only, so the user's session is left as it is.
        SQLConf conf = new SQLConf();
        conf.setConfString(SQLConf.DATETIME_JAVA8API_ENABLED().key(), "true");
        return SQLConf.withExistingConf(conf, () -> ExpressionEncoder.apply(RowEncoder.encoderFor(schema, false)));
    }
}
