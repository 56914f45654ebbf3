package io.kindling.magics.fsql;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import scala.jdk.javaapi.CollectionConverters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ZIP}: Fugue's zipped dataframe as Spark can hold it, co-grouped. Each input is grouped by the keys, its
 * other columns gathered per key into a list of structs named after the input, and the groups are joined on the
 * keys as {@code INNER}, {@code LEFT OUTER} ... say. A following {@code TRANSFORM} sees one row per key with every
 * side's rows of that key, which is what Fugue's co-transformers are given:
 * <pre>
 * z = ZIP rides, fares LEFT OUTER BY region       -- region, rides: [{km}, ...], fares: [{amount}, ...]
 * TRANSFORM z USING compare SCHEMA region:str,diff:double
 * </pre>
 * Fugue serializes each group into blobs only its own co-transformers read; here the result is an ordinary
 * dataframe, so SELECT, PRINT and YIELD read it too. A {@code CROSS} zip has no keys: one row, every side whole.
 */
final class FsqlZip {
    private FsqlZip() {
    }

    static Dataset<Row> zip(FsqlStep.Zip zip, List<Dataset<Row>> inputs) {
        List<String> keys = zip.how() == FsqlStep.ZipHow.CROSS ? List.of()
                : zip.by().isEmpty() ? commonColumns(zip, inputs) : zip.by();
        Dataset<Row> zipped = null;
        for (int i = 0; i < inputs.size(); i++) {
            Dataset<Row> grouped = grouped(inputs.get(i), keys, side(zip.frames().get(i), keys), zip.presort());
            zipped = zipped == null ? grouped : keys.isEmpty() ? zipped.crossJoin(grouped)
                    : zipped.join(grouped, CollectionConverters.asScala(keys).toSeq(), zip.how().sparkJoin());
        }
        return zipped;
    }

    /** One row per key: the keys, and the input's other columns of that key as a list of structs, in presort order. */
    private static Dataset<Row> grouped(Dataset<Row> input, List<String> keys, String name, List<FsqlStep.SortColumn> presort) {
        List<String> have = Arrays.asList(input.columns());
        for (String key : keys) {
            if (have.stream().noneMatch(c -> c.equalsIgnoreCase(key))) {
                throw new MagicError(ErrorName.COLUMN_NOT_FOUND, "ZIP BY " + key + ": " + name + " has no column " + key + " " + have);
            }
        }
        List<String> rest = have.stream().filter(c -> keys.stream().noneMatch(k -> k.equalsIgnoreCase(c))).toList();
        Column collected = functions.collect_list(functions.struct(rest.stream().map(FsqlZip::column).toArray(Column[]::new)));
        Column rows = (presort.isEmpty() ? collected : sorted(collected, presort, rest, keys, name)).as(name);
        return keys.isEmpty() ? input.agg(rows)
                : input.groupBy(keys.stream().map(functions::col).toArray(Column[]::new)).agg(rows);
    }

    /**
     * The list in PRESORT order. Spark gives no order to {@code collect_list}, so the list is sorted afterwards by
     * a comparator of the struct fields; nulls first when ascending and last when descending, as Spark orders.
     * A key among the PRESORT columns is the same in the whole group, so it does not take part.
     */
    private static Column sorted(Column list, List<FsqlStep.SortColumn> presort, List<String> fields, List<String> keys, String name) {
        List<FsqlStep.SortColumn> within = new ArrayList<>();
        for (FsqlStep.SortColumn sort : presort) {
            if (keys.stream().anyMatch(k -> k.equalsIgnoreCase(sort.column()))) {
                continue;
            }
            String field = fields.stream().filter(f -> f.equalsIgnoreCase(sort.column())).findFirst()
                    .orElseThrow(() -> new MagicError(ErrorName.COLUMN_NOT_FOUND, "ZIP PRESORT " + sort.column() + ": " + name
                            + " has no column " + sort.column() + " " + fields));
            within.add(new FsqlStep.SortColumn(field, sort.descending()));
        }
        if (within.isEmpty()) {
            return list;
        }
        return functions.array_sort(list, (left, right) -> {
            Column order = functions.lit(0);
            for (int i = within.size() - 1; i >= 0; i--) {
                FsqlStep.SortColumn sort = within.get(i);
                Column l = left.getField(sort.column());
                Column r = right.getField(sort.column());
                int before = sort.descending() ? 1 : -1;
                order = functions.when(l.isNull().and(r.isNull()), order)
                        .when(l.isNull(), functions.lit(before))
                        .when(r.isNull(), functions.lit(-before))
                        .when(l.lt(r), functions.lit(before))
                        .when(l.gt(r), functions.lit(-before))
                        .otherwise(order);
            }
            return order;
        });
    }

    private static Column column(String name) {
        return functions.col("`" + name.replace("`", "``") + "`");
    }

    /** The column a side's rows go to: its name, the part after the last dot for a catalog table. */
    private static String side(String frame, List<String> keys) {
        String name = frame.substring(frame.lastIndexOf('.') + 1);
        return keys.stream().anyMatch(k -> k.equalsIgnoreCase(name)) ? name + "_rows" : name;
    }

    /** Fugue zips by the columns every input has when BY names none. */
    private static List<String> commonColumns(FsqlStep.Zip zip, List<Dataset<Row>> inputs) {
        Set<String> common = new LinkedHashSet<>();
        Arrays.stream(inputs.get(0).columns()).map(c -> c.toLowerCase(Locale.ROOT)).forEach(common::add);
        for (Dataset<Row> input : inputs.subList(1, inputs.size())) {
            common.retainAll(Arrays.stream(input.columns()).map(c -> c.toLowerCase(Locale.ROOT)).toList());
        }
        if (common.isEmpty()) {
            throw new MagicError(ErrorName.COLUMN_NOT_FOUND, "ZIP " + String.join(", ", zip.frames())
                    + ": no column is in all of them to zip by; name the keys with BY, or zip CROSS");
        }
        return new ArrayList<>(common);
    }
}
