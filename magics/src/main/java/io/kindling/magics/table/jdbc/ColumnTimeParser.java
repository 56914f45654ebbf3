package io.kindling.magics.table.jdbc;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;

/**
 * Reads the text form of DATE, TIME and TIME WITH TIME ZONE values that {@code getString} gives
 * ({@code 2024-01-02}, {@code 12:34:56.789}, {@code 12:34:56+02:00}: the SQL standard's literal
 * forms, which Trino and the Hive/Spark drivers print alike) into {@code java.time}.
 *
 * <p>Why not the driver's own conversions: trino-jdbc 476 has no {@code LocalTime}/{@code OffsetTime} conversions (its
 * {@code java.sql.Time} drops everything below the millisecond), and its {@code LocalDate} conversion
 * goes through {@code java.sql.Date}, which turns year -5000 into 5001. Fractions longer than nine
 * digits (TIME(12)) are rounded half up to nanoseconds, as Trino rounds when casting to a lower precision.
 */
final class ColumnTimeParser {
    private static final int NANO_DIGITS = 9;

    private ColumnTimeParser() {
    }

    /** {@code 2024-01-02}, {@code -5000-01-01} or {@code 12345-01-01}. */
    static LocalDate parseDate(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            return LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10));
        }
        int daySeparator = text.lastIndexOf('-');
        int monthSeparator = text.lastIndexOf('-', daySeparator - 1);
        if (monthSeparator <= 0) {
            throw new DateTimeException("not a date: " + text);
        }
        int year = Integer.parseInt(text, 0, monthSeparator, 10);
        return LocalDate.of(year, digits(text, monthSeparator + 1, daySeparator), digits(text, daySeparator + 1, text.length()));
    }

    /** {@code 12:34:56}, {@code 12:34:56.789} or up to twelve fraction digits. */
    static LocalTime parseTime(String text) {
        int end = timeEnd(text);
        if (end != text.length()) {
            throw new DateTimeException("not a time: " + text);
        }
        return time(text, end);
    }

    /** {@code 12:34:56+02:00} or {@code 12:34:56.789 -05:30}. */
    static OffsetTime parseTimeWithTimeZone(String text) {
        int end = timeEnd(text);
        return OffsetTime.of(time(text, end), ZoneOffset.of(text.substring(end).strip()));
    }

    private static int timeEnd(String text) {
        if (text.length() < 8 || text.charAt(2) != ':' || text.charAt(5) != ':') {
            throw new DateTimeException("not a time: " + text);
        }
        int end = 8;
        if (end < text.length() && text.charAt(end) == '.') {
            end++;
            while (end < text.length() && Character.isDigit(text.charAt(end))) {
                end++;
            }
        }
        return end;
    }

    private static LocalTime time(String text, int end) {
        int nanos = 0;
        boolean roundUp = false;
        for (int i = 9, digit = 0; i < end; i++, digit++) {
            int value = text.charAt(i) - '0';
            if (digit < NANO_DIGITS) {
                nanos = nanos * 10 + value;
            } else if (digit == NANO_DIGITS) {
                roundUp = value >= 5;
            }
        }
        for (int digit = Math.max(0, end - 9); digit < NANO_DIGITS; digit++) {
            nanos *= 10;
        }
        LocalTime time = LocalTime.of(digits(text, 0, 2), digits(text, 3, 5), digits(text, 6, 8), nanos);
        return roundUp ? time.plusNanos(1) : time;
    }

    private static int digits(String text, int from, int to) {
        if (from >= to) {
            throw new DateTimeException("missing digits in " + text);
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new DateTimeException("unexpected '" + c + "' in " + text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
