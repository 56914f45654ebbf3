package io.kindling.magics.transform;

import org.apache.spark.sql.SparkSession;
import org.dflib.DataFrame;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * One option of a {@code transform} call, made by {@link Transforms}' factories
 * ({@code partitionBy}, {@code presort}, {@code num}, {@code algo}, {@code on}, {@code params},
 * {@code onError}, {@code asLocal}, {@code saveTo}, {@code onlyGroups}). Immutable values, so a set
 * of options can be kept in a variable and passed to several calls.
 */
public sealed interface TransformOption {
    record PartitionKeys(List<String> columns) implements TransformOption {
        public PartitionKeys {
            columns = List.copyOf(columns);
        }
    }

    record Presort(List<SortKey> keys) implements TransformOption {
        public Presort {
            keys = List.copyOf(keys);
        }
    }

    record Num(NumExpression partitions) implements TransformOption {
        public Num {
            requireNonNull(partitions, "partitions is null");
        }
    }

    record Algorithm(PartitionAlgorithm algorithm) implements TransformOption {
        public Algorithm {
            requireNonNull(algorithm, "algorithm is null");
        }
    }

    /** Run on Spark, on the session this gives (a cluster's, or a session the user made). */
    record On(Supplier<SparkSession> session, String description) implements TransformOption {
        public On {
            requireNonNull(session, "session is null");
            requireNonNull(description, "description is null");
        }
    }

    record Params(Map<String, Object> values) implements TransformOption {
        public Params {
            requireNonNull(values, "values is null");
        }
    }

    /** What a failing group does to the call: fail it, or be kept apart and returned. */
    record OnError(ErrorPolicy policy) implements TransformOption {
        public OnError {
            requireNonNull(policy, "policy is null");
        }
    }

    record AsLocal(long maxRows) implements TransformOption {
    }

    record SaveTo(URI location) implements TransformOption {
        public SaveTo {
            requireNonNull(location, "location is null");
        }
    }

    /** Only the groups whose keys a failures table lists (from {@link TransformOutcome#failures()}). */
    record OnlyGroups(DataFrame keys) implements TransformOption {
        public OnlyGroups {
            requireNonNull(keys, "keys is null");
        }
    }
}
