package io.kindling.magics.transform;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Fugue's partition spec: keys, presort, number of partitions and algorithm. With keys the function
 * is called once per group (all rows of one key, in presort order, never split); without, once per
 * partition ({@code num} of them, or the input's own).
 */
record PartitionSpec(List<String> keys, List<SortKey> presort, Optional<NumExpression> num, PartitionAlgorithm algorithm)
        implements Serializable {
    static final PartitionSpec NONE = new PartitionSpec(List.of(), List.of(), Optional.empty(), PartitionAlgorithm.HASH);

    PartitionSpec {
        keys = List.copyOf(keys);
        presort = List.copyOf(presort);
        requireNonNull(num, "num is null");
        requireNonNull(algorithm, "algorithm is null");
    }

    boolean perGroup() {
        return !keys.isEmpty() && algorithm != PartitionAlgorithm.COARSE;
    }

    /** Every key and presort column exists in the input; no presort column is a key. */
    void validate(StructType schema) {
        for (String key : keys) {
            if (ColumnReaders.indexOf(schema, key) < 0) {
                throw new MagicError(ErrorName.BAD_PARTITION_SPEC, "partitionBy(\"" + key + "\"): the input has no column '" + key
                        + "'; its columns: " + String.join(", ", schema.fieldNames()));
            }
        }
        for (SortKey sort : presort) {
            if (ColumnReaders.indexOf(schema, sort.column()) < 0) {
                throw new MagicError(ErrorName.BAD_PARTITION_SPEC, "presort: the input has no column '" + sort.column()
                        + "'; its columns: " + String.join(", ", schema.fieldNames()));
            }
        }
    }

    /** The sort that makes each partition's groups contiguous and presorted: keys first, then presort. */
    List<SortKey> sortWithinPartitions() {
        List<SortKey> all = new java.util.ArrayList<>();
        keys.forEach(k -> all.add(new SortKey(k, true)));
        presort.stream().filter(s -> !keys.contains(s.column())).forEach(all::add);
        return all;
    }
}
