package io.kindling.kernel.display;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Floating-point and decimal numbers as a person reads them, in the spirit of pandas: plain notation with
 * about six significant digits ({@code 3.14159}, {@code 0.000123}), never fewer than two decimals of a large
 * amount ({@code 56586554400.73}, not {@code 5.658655440073E10}); scientific notation only for magnitudes
 * plain notation cannot show in reasonable width.
 */
public final class NumberText {
    private static final int SIGNIFICANT = 6;
    private static final int MIN_DECIMALS = 2;
    private static final double PLAIN_FROM = 1e-6;
    private static final double PLAIN_BELOW = 1e15;

    private NumberText() {
    }

    /** Whether {@link #of} formats values of this kind. */
    public static boolean formats(Object value) {
        return value instanceof Double || value instanceof Float || value instanceof BigDecimal;
    }

    /** {@code value} (a Double, Float or BigDecimal) as text; other values as {@code String.valueOf}. */
    public static String of(Object value) {
        if (value instanceof Double d) {
            return ofDouble(d, Double.toString(d));
        }
        if (value instanceof Float f) {
            // Float's own shortest text, so 0.1f reads 0.1, not 0.10000000149011612.
            return ofDouble(f.doubleValue(), Float.toString(f));
        }
        if (value instanceof BigDecimal decimal) {
            // A DECIMAL column keeps its declared scale: an amount reads 12.50, as the database wrote it.
            return decimal.toPlainString();
        }
        return String.valueOf(value);
    }

    private static String ofDouble(double value, String shortest) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        double magnitude = Math.abs(value);
        if (value != 0 && (magnitude < PLAIN_FROM || magnitude >= PLAIN_BELOW)) {
            return String.format(Locale.ROOT, "%." + (SIGNIFICANT - 1) + "e", value);
        }
        BigDecimal exact = new BigDecimal(shortest);
        int integerDigits = magnitude < 1 ? 0 : exact.precision() - exact.scale();
        int decimals = magnitude < 1 && magnitude > 0
                // Leading zeros after the point do not count as significant: 0.000123456 reads 0.000123456.
                ? SIGNIFICANT - 1 - (int) Math.floor(Math.log10(magnitude))
                : Math.max(MIN_DECIMALS, SIGNIFICANT - integerDigits);
        String text = exact.setScale(Math.max(decimals, 0), RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        return text.contains(".") ? text : text + ".0";
    }
}
