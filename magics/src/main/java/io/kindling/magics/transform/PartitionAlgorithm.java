package io.kindling.magics.transform;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;

import java.util.Locale;

/**
 * How rows reach partitions, as in Fugue. With partition keys a group is never split and the function
 * is called once per group, except {@link #COARSE}, called once per partition holding whole groups.
 */
public enum PartitionAlgorithm {
    /** By a hash of the keys (without keys: round robin). The default. */
    HASH,
    /** Groups (without keys: rows) to random partitions. */
    RAND,
    /** As even as possible: groups spread one by one over the partitions (without keys: equal row counts). */
    EVEN,
    /** Like hash, but the function gets a whole partition (several whole groups) per call. */
    COARSE;

    static PartitionAlgorithm named(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MagicError(ErrorName.BAD_PARTITION_SPEC, "algo(\"" + name + "\"): the algorithms are hash, rand, even and coarse");
        }
    }
}
