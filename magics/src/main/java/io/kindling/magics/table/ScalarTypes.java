package io.kindling.magics.table;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * The Spark type of each Java class that maps to exactly one: what records, DFLib columns and their
 * values agree on. Decimals are not here: their precision and scale depend on the values.
 */
final class ScalarTypes {
    private static final Map<Class<?>, DataType> TYPES = Map.ofEntries(
            Map.entry(String.class, DataTypes.StringType),
            Map.entry(int.class, DataTypes.IntegerType), Map.entry(Integer.class, DataTypes.IntegerType),
            Map.entry(long.class, DataTypes.LongType), Map.entry(Long.class, DataTypes.LongType),
            Map.entry(double.class, DataTypes.DoubleType), Map.entry(Double.class, DataTypes.DoubleType),
            Map.entry(float.class, DataTypes.FloatType), Map.entry(Float.class, DataTypes.FloatType),
            Map.entry(short.class, DataTypes.ShortType), Map.entry(Short.class, DataTypes.ShortType),
            Map.entry(byte.class, DataTypes.ByteType), Map.entry(Byte.class, DataTypes.ByteType),
            Map.entry(boolean.class, DataTypes.BooleanType), Map.entry(Boolean.class, DataTypes.BooleanType),
            Map.entry(byte[].class, DataTypes.BinaryType),
            Map.entry(LocalDate.class, DataTypes.DateType),
            Map.entry(Instant.class, DataTypes.TimestampType),
            Map.entry(LocalDateTime.class, DataTypes.TimestampNTZType));

    private ScalarTypes() {
    }

    static Optional<DataType> of(Class<?> type) {
        return Optional.ofNullable(TYPES.get(type));
    }
}
