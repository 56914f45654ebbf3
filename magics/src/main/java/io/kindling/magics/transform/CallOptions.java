package io.kindling.magics.transform;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.transform.TransformOption.AsLocal;
import io.kindling.magics.transform.TransformOption.OnlyGroups;
import io.kindling.magics.transform.TransformOption.On;
import io.kindling.magics.transform.TransformOption.Params;
import io.kindling.magics.transform.TransformOption.SaveTo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A call's options, gathered and checked: each at most once, and asLocal and saveTo not together. */
record CallOptions(PartitionSpec partition, Optional<On> on, Map<String, Object> params, boolean collectFailures,
                   Optional<AsLocal> asLocal, Optional<SaveTo> saveTo, Optional<OnlyGroups> onlyGroups) {

    static CallOptions of(TransformOption... options) {
        List<String> keys = List.of();
        List<SortKey> presort = List.of();
        Optional<NumExpression> num = Optional.empty();
        PartitionAlgorithm algorithm = PartitionAlgorithm.HASH;
        Optional<On> on = Optional.empty();
        Map<String, Object> params = Map.of();
        boolean collect = false;
        Optional<AsLocal> asLocal = Optional.empty();
        Optional<SaveTo> saveTo = Optional.empty();
        Optional<OnlyGroups> only = Optional.empty();
        Set<Class<?>> seen = new HashSet<>();
        for (TransformOption option : options == null ? new TransformOption[0] : options) {
            if (option == null) {
                throw new IllegalArgumentException("an option is null");
            }
            if (!seen.add(option.getClass())) {
                throw new MagicError(ErrorName.BAD_PARTITION_SPEC, "the option " + option + " is given twice; give each option once");
            }
            if (option instanceof TransformOption.PartitionKeys k) {
                keys = k.columns();
            } else if (option instanceof TransformOption.Presort p) {
                presort = p.keys();
            } else if (option instanceof TransformOption.Num n) {
                num = Optional.of(n.partitions());
            } else if (option instanceof TransformOption.Algorithm a) {
                algorithm = a.algorithm();
            } else if (option instanceof On o) {
                on = Optional.of(o);
            } else if (option instanceof Params p) {
                params = new LinkedHashMap<>(p.values());
            } else if (option instanceof TransformOption.OnError e) {
                collect = e.policy() == ErrorPolicy.COLLECT;
            } else if (option instanceof AsLocal a) {
                asLocal = Optional.of(a);
            } else if (option instanceof SaveTo s) {
                saveTo = Optional.of(s);
            } else if (option instanceof OnlyGroups o) {
                only = Optional.of(o);
            }
        }
        if (asLocal.isPresent() && saveTo.isPresent()) {
            throw new MagicError(ErrorName.BAD_PARTITION_SPEC, "asLocal() and saveTo(...) both say where the output goes; give one");
        }
        if (only.isPresent() && keys.isEmpty()) {
            throw new MagicError(ErrorName.BAD_PARTITION_SPEC, "onlyGroups(...) re-runs groups: give the same partitionBy(...) as the first run");
        }
        return new CallOptions(new PartitionSpec(new ArrayList<>(keys), presort, num, algorithm), on, params, collect, asLocal, saveTo, only);
    }
}
