package io.kindling.magics.hive;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicArguments;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.MagicUsageException;
import io.kindling.magics.sql.SparkCellConf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@code %%hive} cell's options ask for: a cluster of its own, Spark settings, files or a
 * DataFrame, the preview. Conflicting options fail here, before anything runs.
 */
record CellPlan(boolean ownCluster, Map<String, String> cluster, Map<String, String> conf, boolean collect,
                Optional<Long> limit, int previewRows, boolean keepsOutput, boolean quiet) {
    CellPlan {
        // In the order the cell gave them, for messages.
        cluster = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cluster));
        conf = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(conf));
    }

    static CellPlan of(MagicArguments arguments, HiveProfile profile, boolean clusterOpen, String usage) {
        Map<String, String> cluster = new LinkedHashMap<>();
        for (String option : List.of("executors", "cores", "memory")) {
            arguments.value(option).ifPresent(v -> cluster.put(option, v));
        }
        if (!cluster.isEmpty() && clusterOpen) {
            throw new MagicError(ErrorName.CLUSTER_RUNNING, "a Spark cluster is open, so this cell runs on it: leave out --"
                    + String.join(", --", cluster.keySet()) + ", or end the cluster's try block first");
        }
        Map<String, String> conf = SparkCellConf.parse(arguments.values("conf"), usage);
        boolean collect = arguments.has("collect");
        if (collect && (arguments.has("out") || arguments.has("keep"))) {
            throw new MagicUsageException("--collect binds a DataFrame and writes no files: leave out --out and --keep", usage);
        }
        if (arguments.has("limit") && !collect) {
            throw new MagicUsageException("--limit goes with --collect; the files hold the whole result", usage);
        }
        int preview = arguments.longValue("show", 0).map(Long::intValue).orElse(HiveMagic.DEFAULT_PREVIEW_ROWS);
        boolean ownCluster = !clusterOpen && (!cluster.isEmpty() || profile.kubernetes());
        return new CellPlan(ownCluster, cluster, conf, collect, arguments.longValue("limit", 1), preview,
                arguments.has("keep") || arguments.has("out"), arguments.has("quiet"));
    }
}
