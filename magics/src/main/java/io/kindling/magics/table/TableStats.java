package io.kindling.magics.table;

import org.apache.spark.sql.Dataset;
import org.dflib.DataFrame;
import org.dflib.Series;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * How big a table is, as far as that is known without running anything: a Spark Dataset's rows are
 * unknown until a job counts them, so they stay empty here.
 *
 * @param rows       the row count, when known
 * @param columns    the column count
 * @param bytes      the size: exact on disk for files, estimated in memory for a DataFrame
 * @param bytesExact whether {@code bytes} is measured rather than estimated
 */
public record TableStats(OptionalLong rows, int columns, OptionalLong bytes, boolean bytesExact) {
    /** Values looked at per column to estimate a DataFrame's memory: enough for a stable average. */
    private static final int SAMPLE = 1_000;
    private static final int REFERENCE = 4;

    /** The stats of any table kind; a value that is no table has none. */
    public static TableStats of(Object table) {
        if (table instanceof DataFrame frame) {
            return new TableStats(OptionalLong.of(frame.height()), frame.width(), OptionalLong.of(estimateBytes(frame)), false);
        }
        if (table instanceof Dataset<?> dataset) {
            return new TableStats(OptionalLong.empty(), dataset.schema().size(), OptionalLong.empty(), false);
        }
        if (table instanceof ParquetTable files) {
            return new TableStats(OptionalLong.of(files.rows()), files.schema().size(), OptionalLong.of(files.bytes()), true);
        }
        throw new IllegalArgumentException("not a notebook table: " + (table == null ? "null" : table.getClass().getName()));
    }

    /** e.g. {@code 25 rows × 4 columns · ≈ 2.1 KiB}. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        rows.ifPresentOrElse(r -> text.append(count(r, "row")), () -> text.append("rows not counted"));
        text.append(" × ").append(count(columns, "column"));
        bytes.ifPresent(b -> text.append(" · ").append(bytesExact ? "" : "≈ ").append(bytes(b)));
        return text.toString();
    }

    /** {@code 1 row}, {@code 1,000 rows}. */
    public static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    /** Binary units, one decimal: {@code 512 B}, {@code 2.1 KiB}, {@code 155.0 MiB}. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /**
     * Estimates the heap a DataFrame holds: primitive columns exactly, object columns from a sample of
     * their values (the table's own size is what users weigh against the kernel's heap).
     */
    static long estimateBytes(DataFrame frame) {
        long total = 0;
        for (int c = 0; c < frame.width(); c++) {
            total += estimateBytes(frame.getColumn(c));
        }
        return total;
    }

    private static long estimateBytes(Series<?> column) {
        int height = column.size();
        Class<?> type = column.getNominalType();
        if (type.isPrimitive()) {
            return (long) height * (type == long.class || type == double.class ? 8 : type == boolean.class ? 1 : 4);
        }
        if (height == 0) {
            return 0;
        }
        int step = Math.max(1, height / SAMPLE);
        long sampled = 0;
        int count = 0;
        for (int row = 0; row < height; row += step) {
            sampled += valueBytes(column.get(row));
            count++;
        }
        return (long) height * REFERENCE + Math.round((double) sampled / count * height);
    }

    private static long valueBytes(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String s) {
            // Object header and fields, then the byte array: Latin-1 strings take one byte a character.
            return 24 + 16 + (long) s.length() * (s.chars().allMatch(ch -> ch < 256) ? 1 : 2);
        }
        if (value instanceof Long || value instanceof Double || value instanceof Integer || value instanceof Float
                || value instanceof Short || value instanceof Byte || value instanceof Boolean) {
            return 16;
        }
        if (value instanceof BigDecimal) {
            return 40;
        }
        if (value instanceof byte[] array) {
            return 16 + array.length;
        }
        // Dates, times and small structures: a few fields each.
        return 32;
    }
}
