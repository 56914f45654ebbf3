package io.kindling.magics.fsql;

import io.kindling.magics.magic.MagicArgumentParser;
import io.kindling.magics.magic.MagicUsageException;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.RecordingMagicContext;
import io.kindling.magics.table.NotebookTables;
import io.kindling.magics.table.ParquetTable;
import io.kindling.magics.transform.GroupAction;
import io.kindling.magics.transform.GroupFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dflib.DataFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code %%fsql} in process on real local Spark: sources, chaining, PRINT, YIELD, files, steps, errors. */
class FsqlMagicTest {
    private static SparkSession spark;
    private static final List<String> SEEN = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** What the cell asked Trino for; the real %%presto engine answers in FsqlKernelTest, on a real Trino. */
    private static final List<String> TRINO_QUERIES = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final TrinoQueries TRINO = (sql, context) -> {
        TRINO_QUERIES.add(sql);
        return DataFrame.foldByRow("name", "regionkey").of("ALGERIA", 0L, "KENYA", 0L, "FRANCE", 3L);
    };
    @TempDir
    static Path dir;

    public record Ride(String region, double km) {
    }

    public record Scored(String region, double km, double score) {
    }

    /** A top-level method of a cell, as the kernel finds it: records in, records out. */
    public static List<Scored> score(List<Ride> rides) {
        double total = rides.stream().mapToDouble(Ride::km).sum();
        return rides.stream().map(r -> new Scored(r.region(), r.km(), r.km() / total)).toList();
    }

    public static List<Map<String, Object>> tag(List<Ride> rides, Map<String, Object> params) {
        return rides.stream().map(r -> Map.<String, Object>of("region", r.region(), "label", params.get("label") + ":" + rides.size())).toList();
    }

    public static void store(List<Ride> rides) {
        SEEN.add("stored " + rides.get(0).region() + ":" + rides.size());
    }

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[1]").appName("fsql-test").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        spark.sql("CREATE OR REPLACE TEMP VIEW regions AS SELECT * FROM VALUES ('north', 'N'), ('south', 'S') AS t(region, code)");
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static FsqlMagic magic() {
        return new FsqlMagic(FsqlSessions.of(() -> spark, Optional::empty), new NotebookTables(Clock.systemUTC()), new YieldFiles(dir.resolve("out"), ClusterOutputs.NONE), 1_000, TRINO);
    }

    private static RecordingMagicContext run(RecordingMagicContext context, String line, String body) {
        FsqlMagic magic = magic();
        magic.run(MagicArgumentParser.parse(magic.spec(), line), body, context);
        return context;
    }

    private static RecordingMagicContext notebook() {
        return new RecordingMagicContext()
                .set("top", DataFrame.foldByRow("region", "rides").of("north", 3L, "south", 5L, "east", 1L))
                .set("rides", List.of(new Ride("north", 4.0), new Ride("north", 6.0), new Ride("south", 1.5)));
    }

    @Test
    void aNotebookTableJoinsTheCatalogAndYieldsEveryKind() {
        RecordingMagicContext context = run(notebook(), "", """
                joined = SELECT t.region, t.rides, r.code
                    FROM top t JOIN regions r ON t.region = r.region
                    ORDER BY t.region
                PRINT 5 ROWS FROM joined ROWCOUNT TITLE "joined"
                YIELD LOCAL DATAFRAME AS local_joined
                per_region = select region, sum(km) as km from rides group by region
                yield dataframe
                Yield File As per_region_files
                """);
        DataFrame local = (DataFrame) context.lookup("local_joined").orElseThrow();
        assertThat(local.getColumn("code").toList()).containsExactly("N", "S");
        assertThat(context.printed()).contains("joined").contains("2 rows")
                .contains("bound local_joined (DFLib DataFrame").contains("per_region (Spark Dataset").contains("per_region_files (Parquet files");
        assertThat(context.displays()).hasSize(1);
        @SuppressWarnings("unchecked")
        Dataset<Row> perRegion = (Dataset<Row>) context.lookup("per_region").orElseThrow();
        assertThat(perRegion.orderBy("region").collectAsList().toString()).isEqualTo("[[north,10.0], [south,1.5]]");
        assertThat(((ParquetTable) context.lookup("per_region_files").orElseThrow()).rows()).isEqualTo(2);
        // Views live only while the cell runs.
        assertThat(Arrays.stream(spark.catalog().listTables().collectAsList().toArray()).map(Object::toString))
                .noneMatch(t -> t.contains("_fsql"));
    }

    @Test
    void plotChartsTheLastYieldedTableAndACellThatYieldsNothingIsRefusedBeforeItRuns() {
        RecordingMagicContext context = run(notebook(), "--plot bar:region,km", """
                per_region = SELECT region, sum(km) AS km FROM rides GROUP BY region
                YIELD LOCAL DATAFRAME AS first
                YIELD DATAFRAME AS per_region
                """);
        assertThat(context.displays()).filteredOn(io.kindling.magics.chart.Chart.class::isInstance).singleElement()
                .satisfies(chart -> assertThat(((io.kindling.magics.chart.Chart) chart).draw().text())
                        .startsWith("bar chart, 2 bars: sum of km per region, by Spark"));

        RecordingMagicContext printing = notebook();
        assertThatThrownBy(() -> run(printing, "--plot bar:region,km", "SELECT region, km FROM rides\nPRINT 2 ROWS"))
                .isInstanceOf(MagicUsageException.class)
                .hasMessageContaining("--plot charts the last table the cell yields, and this cell yields none");
        assertThat(printing.printed()).as("nothing ran").isEmpty();
        assertThatThrownBy(() -> run(notebook(), "--plot pie:region", "SELECT 1 AS a\nYIELD DATAFRAME AS one"))
                .hasMessageContaining("pie");
    }

    @Test
    void aTrinoTableIsFetchedOnceThroughPrestoAndJoinsNotebookTables() {
        TRINO_QUERIES.clear();
        RecordingMagicContext context = run(notebook(), "", """
                per_key = SELECT n.regionkey, count(*) AS nations, max(t.rides) AS rides
                    FROM PRESTO.tpch.tiny.nation n LEFT JOIN top t ON t.rides = n.regionkey + 3
                    GROUP BY n.regionkey ORDER BY n.regionkey
                YIELD LOCAL DATAFRAME AS per_key
                again = SELECT count(*) AS c FROM presto.tpch.tiny.nation
                YIELD LOCAL DATAFRAME AS again
                """);
        assertThat(TRINO_QUERIES).containsExactly("SELECT * FROM \"tpch\".\"tiny\".\"nation\"");
        DataFrame perKey = (DataFrame) context.lookup("per_key").orElseThrow();
        assertThat(perKey.getColumn("regionkey").toList()).containsExactly(0L, 3L);
        assertThat(perKey.getColumn("nations").toList()).containsExactly(2L, 1L);
        assertThat(((DataFrame) context.lookup("again").orElseThrow()).getColumn("c").toList()).containsExactly(3L);

        assertThatThrownBy(() -> run(notebook(), "", "SELECT * FROM presto.nation"))
                .isInstanceOf(MagicError.class).hasMessageContaining("a Trino table is named presto.catalog.schema.table (four parts)");
    }

    @Test
    void nestedPrestoAndLoadSourcesAreReadInsideASelect() {
        TRINO_QUERIES.clear();
        String parquet = dir.resolve("nested-rides").toString();
        String csv = dir.resolve("nested-rides-csv").toString();
        RecordingMagicContext context = run(notebook(), "", """
                SELECT region, km FROM rides
                SAVE OVERWRITE PARQUET "%1$s"
                SAVE OVERWRITE SINGLE CSV "%2$s" (header = false)
                counts = SELECT count(*) AS nations, (SELECT count(*) FROM (LOAD "%1$s")) AS rides
                    FROM (presto "SELECT name, regionkey FROM tpch.tiny.nation")
                YIELD LOCAL DATAFRAME AS counts
                kenya = SELECT n.name FROM (PRESTO "SELECT name, regionkey FROM tpch.tiny.nation") n WHERE n.regionkey = 0 AND n.name LIKE 'K%%'
                YIELD LOCAL DATAFRAME AS kenya
                both = (LOAD "%1$s") UNION ALL (LOAD CSV "%2$s" (header = false) COLUMNS region:str,km:double)
                SELECT region, sum(km) AS km FROM both GROUP BY region ORDER BY region
                YIELD LOCAL DATAFRAME AS both
                """.formatted(parquet, csv));
        // The same query text twice in a cell is one fetch.
        assertThat(TRINO_QUERIES).containsExactly("SELECT name, regionkey FROM tpch.tiny.nation");
        DataFrame counts = (DataFrame) context.lookup("counts").orElseThrow();
        assertThat(counts.getColumn("nations").toList()).containsExactly(3L);
        assertThat(counts.getColumn("rides").toList()).containsExactly(3L);
        assertThat(((DataFrame) context.lookup("kenya").orElseThrow()).getColumn("name").toList()).containsExactly("KENYA");
        DataFrame both = (DataFrame) context.lookup("both").orElseThrow();
        assertThat(both.getColumn("km").toList()).containsExactly(20.0, 3.0);
    }

    @Test
    void aBadNestedSourceFailsWithItsCellPosition() {
        assertThatThrownBy(() -> run(notebook(), "", "SELECT 1 AS a\nSELECT * FROM (LOAD PARQUET \"x\" (header = ))"))
                .isInstanceOfSatisfying(MagicError.class, e -> {
                    assertThat(e.errorName()).isEqualTo("SYNTAX_ERROR");
                    assertThat(e.getMessage()).startsWith("line 3:43: unexpected ')'");
                });
        assertThatThrownBy(() -> run(notebook(), "", "SELECT * FROM (LOAD \"" + dir.resolve("missing") + "\") m"))
                .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.getMessage())
                        .startsWith("statement 1 (line 2:1) failed:").contains("missing"));
        FsqlMagic noTrino = new FsqlMagic(FsqlSessions.of(() -> spark, Optional::empty), new NotebookTables(Clock.systemUTC()), new YieldFiles(dir.resolve("out"), ClusterOutputs.NONE), 1_000,
                TrinoQueries.NONE);
        assertThatThrownBy(() -> noTrino.run(MagicArgumentParser.parse(noTrino.spec(), ""),
                "SELECT * FROM top t JOIN (PRESTO \"SELECT 1 AS a\") p ON true", notebook()))
                .isInstanceOfSatisfying(MagicError.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("line 2:26: (PRESTO ...): this kernel has no Trino for %%fsql");
                    assertThat(e.details()).contains("                         ^----------------------^");
                });
    }

    @Test
    void zipPresortOrdersEverySidesRowsWithinTheirKey() {
        String data = """
                a = SELECT * FROM VALUES ('north', 2.0), ('north', 9.0), ('north', 5.0), ('south', CAST(NULL AS DOUBLE)), ('south', 1.0) AS t(region, x)
                b = SELECT * FROM VALUES ('north', 7.0), ('north', 3.0), ('south', 4.0) AS t(region, x)
                """;
        RecordingMagicContext context = run(notebook(), "", data + """
                down = ZIP a, b BY region PRESORT x DESC
                SELECT region, CAST(transform(a, r -> r.x) AS STRING) AS ax, CAST(transform(b, r -> r.x) AS STRING) AS bx
                    FROM down ORDER BY region
                YIELD LOCAL DATAFRAME AS down
                up = ZIP a, b BY region PRESORT region, x
                SELECT region, CAST(transform(a, r -> r.x) AS STRING) AS ax FROM up ORDER BY region
                YIELD LOCAL DATAFRAME AS up
                """);
        DataFrame down = (DataFrame) context.lookup("down").orElseThrow();
        assertThat(down.getColumn("ax").toList()).containsExactly("[9.0, 5.0, 2.0]", "[1.0, null]");
        assertThat(down.getColumn("bx").toList()).containsExactly("[7.0, 3.0]", "[4.0]");
        // Ascending puts nulls first, as ORDER BY does; a key in PRESORT is the same in the whole group.
        DataFrame up = (DataFrame) context.lookup("up").orElseThrow();
        assertThat(up.getColumn("ax").toList()).containsExactly("[2.0, 5.0, 9.0]", "[null, 1.0]");

        assertThatThrownBy(() -> run(notebook(), "", data + "ZIP a, b BY region PRESORT y"))
                .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.getMessage()).contains("ZIP PRESORT y: a has no column y [x]"));
        assertThatThrownBy(() -> run(notebook(), "", data + "ZIP a, b CROSS PRESORT x"))
                .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.getMessage())
                        .startsWith("line 4:16: a CROSS ZIP gives each side whole, in no order"));
    }

    @Test
    void zipCoGroupsDataframesByKeysForATransform() {
        GroupFunction<List<Map<String, Object>>, List<Map<String, Object>>> sizes = rows -> rows.stream().map(row -> {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            out.put("region", row.get("region"));
            out.put("n_rides", ((List<?>) row.get("rides")).size());
            out.put("n_fares", row.get("fares") == null ? 0 : ((List<?>) row.get("fares")).size());
            return out;
        }).toList();
        RecordingMagicContext context = run(notebook().set("sizes", sizes), "", """
                fares = SELECT * FROM VALUES ('north', 10.0), ('north', 12.0), ('west', 3.0) AS t(region, amount)
                z = ZIP rides, fares LEFT OUTER BY region
                sized = TRANSFORM z USING sizes SCHEMA region:str,n_rides:int,n_fares:int
                SELECT * FROM sized ORDER BY region
                YIELD LOCAL DATAFRAME AS sized
                inner = zip rides, fares
                SELECT region, size(rides) AS r, fares[0].amount + fares[1].amount AS paid FROM inner
                YIELD LOCAL DATAFRAME AS inner
                """);
        DataFrame sized = (DataFrame) context.lookup("sized").orElseThrow();
        assertThat(sized.getColumn("region").toList()).containsExactly("north", "south");
        assertThat(sized.getColumn("n_rides").toList()).containsExactly(2, 1);
        assertThat(sized.getColumn("n_fares").toList()).containsExactly(2, 0);
        // Without BY the keys are the columns both have (region).
        DataFrame inner = (DataFrame) context.lookup("inner").orElseThrow();
        assertThat(inner.getColumn("region").toList()).containsExactly("north");
        assertThat(inner.getColumn("r").toList()).containsExactly(2);
        assertThat(inner.getColumn("paid").toList()).containsExactly(new java.math.BigDecimal("22.0"));

        assertThatThrownBy(() -> run(notebook(), "", "ZIP rides, top CROSS BY region"))
                .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.getMessage())
                        .startsWith("line 2:16: a CROSS ZIP has no keys"));
        assertThatThrownBy(() -> run(notebook(), "", "ZIP rides, regions BY km"))
                .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.getMessage()).contains("ZIP BY km: regions has no column km"));
    }

    @Test
    void setOperationsBetweenDataframesAtStatementLevel() {
        RecordingMagicContext context = run(notebook(), "", """
                a = SELECT region FROM rides
                b = SELECT region FROM top
                twice = TABLE a
                UNION ALL
                TABLE a
                SELECT count(*) AS n FROM twice
                YIELD LOCAL DATAFRAME AS twice
                common = TABLE a INTERSECT TABLE b
                SELECT * FROM common ORDER BY region
                YIELD LOCAL DATAFRAME AS common
                only = table b except table a
                YIELD LOCAL DATAFRAME AS only
                """);
        assertThat(((DataFrame) context.lookup("twice").orElseThrow()).getColumn("n").toList()).containsExactly(6L);
        assertThat(((DataFrame) context.lookup("common").orElseThrow()).getColumn("region").toList()).containsExactly("north", "south");
        assertThat(((DataFrame) context.lookup("only").orElseThrow()).getColumn("region").toList()).containsExactly("east");
    }

    @Test
    void engineChoosesTheOpenClusterOrLocalSparkAndNamesTheOptionWhenItCannot() {
        RecordingMagicContext context = notebook();
        FsqlMagic noCluster = magic();
        assertThatThrownBy(() -> noCluster.run(MagicArgumentParser.parse(noCluster.spec(), "--engine cluster"), "SELECT * FROM top", context))
                .isInstanceOf(io.kindling.magics.magic.MagicUsageException.class)
                .hasMessageStartingWith("--engine cluster: no Spark cluster is open");
        assertThatThrownBy(() -> noCluster.run(MagicArgumentParser.parse(noCluster.spec(), "--engine gpu"), "SELECT * FROM top", context))
                .hasMessageStartingWith("--engine takes local or cluster, got 'gpu'");
        noCluster.run(MagicArgumentParser.parse(noCluster.spec(), "--engine local"), "SELECT count(*) AS n FROM top\nYIELD LOCAL DATAFRAME AS n",
                context);
        assertThat(((DataFrame) context.lookup("n").orElseThrow()).getColumn("n").toList()).containsExactly(3L);

        // The "cluster" here is a second session of the same local context: what matters is which session the cell used.
        SparkSession clusterSession = spark.newSession();
        FsqlMagic withCluster = new FsqlMagic(FsqlSessions.of(() -> spark, () -> Optional.of(clusterSession)),
                new NotebookTables(Clock.systemUTC()), new YieldFiles(dir.resolve("out"), ClusterOutputs.NONE), 1_000, TRINO);
        withCluster.run(MagicArgumentParser.parse(withCluster.spec(), "--engine cluster"), "x = SELECT * FROM top\nYIELD DATAFRAME", context);
        assertThat(((Dataset<?>) context.lookup("x").orElseThrow()).sparkSession()).isSameAs(clusterSession);
        withCluster.run(MagicArgumentParser.parse(withCluster.spec(), "--engine local"), "x = SELECT * FROM top\nYIELD DATAFRAME", context);
        assertThat(((Dataset<?>) context.lookup("x").orElseThrow()).sparkSession()).isSameAs(spark);
    }

    @Test
    void eachNotebookNameIsLookedUpOncePerCell() {
        // In the kernel a lookup evaluates the name in JShell, so planning must not repeat it per mention.
        Map<String, Integer> lookups = new java.util.HashMap<>();
        Object top = notebook().lookup("top").orElseThrow();
        FsqlPlanner planner = new FsqlPlanner(spark, name -> {
            lookups.merge(name, 1, Integer::sum);
            return "top".equals(name) ? Optional.of(top) : Optional.empty();
        }, java.util.Set.of("top"), name -> Optional.empty(), name -> List.of(), "_memo", TrinoQueries.NONE);
        FsqlPlan plan = planner.plan(FsqlCell.parse(new io.kindling.magics.magic.SourceText(
                "a = SELECT * FROM top\nb = SELECT * FROM top JOIN top t2 ON true\nc = select * FROM top", 2)));
        assertThat(plan.notebookViews()).containsOnlyKeys("top");
        assertThat(lookups).containsEntry("top", 1);
    }

    @Test
    void confIsSetForTheCellOnlyAndAFixedSettingIsRefusedNamingTheOption() {
        String before = spark.conf().get("spark.sql.shuffle.partitions");
        // Spark substitutes ${key} with the setting's value when the statement runs.
        RecordingMagicContext context = run(notebook(), "--conf spark.sql.shuffle.partitions=7",
                "SELECT '${spark.sql.shuffle.partitions}' AS p\nYIELD LOCAL DATAFRAME AS p");
        assertThat(((DataFrame) context.lookup("p").orElseThrow()).getColumn("p").toList()).containsExactly("7");
        assertThat(spark.conf().get("spark.sql.shuffle.partitions")).isEqualTo(before);
        assertThatThrownBy(() -> run(notebook(), "--conf spark.executor.memory=4g", "SELECT 1 AS a"))
                .hasMessageStartingWith("--conf spark.executor.memory: Spark fixes this setting when a cluster starts");
        assertThatThrownBy(() -> run(notebook(), "--conf nokey", "SELECT 1 AS a"))
                .hasMessageStartingWith("--conf expects KEY=VALUE, got 'nokey'");
    }

    @Test
    void transformUsesATopLevelMethodWithRecordsByItsDeclaredTypes() throws Exception {
        SEEN.clear();
        RecordingMagicContext context = notebook()
                .method(FsqlMagicTest.class.getMethod("score", List.class))
                .method(FsqlMagicTest.class.getMethod("tag", List.class, Map.class))
                .method(FsqlMagicTest.class.getMethod("store", List.class));
        run(context, "", """
                scored = TRANSFORM rides PREPARTITION BY region USING score
                SELECT region, km, score FROM scored ORDER BY km
                YIELD LOCAL DATAFRAME AS scored
                tagged = TRANSFORM rides PREPARTITION BY region USING tag(label: 'x') SCHEMA region:str,label:str
                SELECT DISTINCT * FROM tagged ORDER BY region
                YIELD LOCAL DATAFRAME AS tagged
                OUTTRANSFORM rides PREPARTITION BY region USING store
                """);
        DataFrame scored = (DataFrame) context.lookup("scored").orElseThrow();
        assertThat(scored.getColumn("score").toList()).containsExactly(1.0, 0.4, 0.6);
        assertThat(((DataFrame) context.lookup("tagged").orElseThrow()).getColumn("label").toList()).containsExactly("x:2", "x:1");
        assertThat(SEEN).containsExactlyInAnyOrder("stored north:2", "stored south:1");

        assertThatThrownBy(() -> run(context, "", "SELECT 1 AS a\nOUTTRANSFORM rides USING score"))
                .isInstanceOfSatisfying(MagicError.class, e -> {
                    assertThat(e.errorName()).isEqualTo("TYPE_MISMATCH");
                    assertThat(e.getMessage()).isEqualTo("line 3:1: OUTTRANSFORM ... USING score(List<Ride>): the method must return void, "
                            + "it returns List<Scored>");
                });
        assertThatThrownBy(() -> run(context, "", "TRANSFORM rides USING score SCHEMA *"))
                .hasMessageContaining("the output columns are Scored's components; leave out SCHEMA");
        assertThatThrownBy(() -> run(context, "", "TRANSFORM rides USING scor SCHEMA *"))
                .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.errorName()).isEqualTo("UNKNOWN_VARIABLE"))
                .hasMessageContaining("no notebook variable or top-level method of that name");
    }

    // Declared as a cell declares variables: the fields' generic types are what the kernel reads for a variable.
    static final GroupFunction<List<Ride>, List<Scored>> SCORER = FsqlMagicTest::score;
    static final GroupAction<List<Ride>> STORER = rides -> SEEN.add("kept " + rides.get(0).region() + ":" + rides.size());
    static final GroupFunction<List<String>, List<Scored>> WRONG = rows -> List.of();

    @Test
    void transformUsesAVariablesDeclaredRecordTypes() throws Exception {
        SEEN.clear();
        RecordingMagicContext context = notebook()
                .set("scorer", SCORER, FsqlMagicTest.class.getDeclaredField("SCORER").getGenericType())
                .set("storer", STORER, FsqlMagicTest.class.getDeclaredField("STORER").getGenericType())
                .set("wrong", WRONG, FsqlMagicTest.class.getDeclaredField("WRONG").getGenericType());
        run(context, "", """
                scored = TRANSFORM rides PREPARTITION BY region USING scorer
                SELECT region, km, score FROM scored ORDER BY km
                YIELD LOCAL DATAFRAME AS scored
                OUTTRANSFORM rides PREPARTITION BY region USING storer
                """);
        assertThat(((DataFrame) context.lookup("scored").orElseThrow()).getColumn("score").toList()).containsExactly(1.0, 0.4, 0.6);
        assertThat(SEEN).containsExactlyInAnyOrder("kept north:2", "kept south:1");

        assertThatThrownBy(() -> run(context, "", "TRANSFORM rides USING scorer SCHEMA *"))
                .hasMessageContaining("USING scorer: the output columns are Scored's components; leave out SCHEMA");
        assertThatThrownBy(() -> run(context, "", "TRANSFORM rides USING wrong"))
                .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "line 2:1: USING wrong: the variable is a GroupFunction<List<String>, List<Scored>>; its rows must be "
                                + "List<SomeRecord> or List<Map<String, Object>>"));
    }

    @Test
    void aStatementWithoutFromReadsThePreviousResult() {
        RecordingMagicContext context = run(notebook(), "", """
                SELECT * FROM top
                SELECT region, rides * 2 AS twice WHERE rides > 2 ORDER BY region
                TAKE 1 ROW
                YIELD LOCAL DATAFRAME AS first
                """);
        DataFrame first = (DataFrame) context.lookup("first").orElseThrow();
        assertThat(first.getColumn("twice").toList()).containsExactly(6L);
    }

    @Test
    void aHostileParameterIsData() {
        String hostile = "x'); DROP TABLE regions; --";
        RecordingMagicContext context = notebook().set("name", hostile).set("col", "region");
        run(context, "", "SELECT {name} AS v, {{col}} AS c FROM top WHERE region = 'north'\nYIELD LOCAL DATAFRAME AS v");
        DataFrame v = (DataFrame) context.lookup("v").orElseThrow();
        assertThat(v.getColumn("v").get(0)).isEqualTo(hostile);
        assertThat(v.getColumn("c").get(0)).isEqualTo("north");
        assertThatThrownBy(() -> run(notebook().set("col", "region; DROP"), "", "SELECT {{col}} FROM top"))
                .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.getMessage())
                        .contains("{{col}} at line 2:8").contains("only for a plain identifier"));
    }

    @Test
    void filesRoundTripInEachFormat() {
        for (String format : List.of("PARQUET", "CSV", "JSON")) {
            String path = dir.resolve("rides-" + format).toString();
            RecordingMagicContext context = run(notebook(), "", """
                    SELECT region, km FROM rides
                    SAVE OVERWRITE SINGLE %s "%s"
                    back = LOAD %s "%s"
                    SELECT region, sum(km) AS km FROM back GROUP BY region ORDER BY region
                    YIELD LOCAL DATAFRAME AS back
                    """.formatted(format, path, format, path));
            DataFrame back = (DataFrame) context.lookup("back").orElseThrow();
            assertThat(back.getColumn("region").toList()).as(format).containsExactly("north", "south");
            assertThat(((Number) back.getColumn("km").get(0)).doubleValue()).as(format).isEqualTo(10.0);
        }
    }

    @Test
    void columnAndRowSteps() {
        RecordingMagicContext context = run(notebook(), "", """
                SELECT region, IF(region = 'east', NULL, rides) AS rides, 'x' AS extra FROM top
                FILL NULLS PARAMS rides:0
                RENAME COLUMNS rides:n
                ALTER COLUMNS n:double
                DROP COLUMNS extra, nope IF EXISTS
                DISTINCT
                TAKE 1 ROW PREPARTITION BY region PRESORT n DESC
                YIELD LOCAL DATAFRAME AS out
                """);
        DataFrame out = (DataFrame) context.lookup("out").orElseThrow();
        assertThat(out.getColumnsIndex().toArray()).containsExactly("region", "n");
        assertThat(out.sort("region", true).getColumn("n").toList()).containsExactly(0.0, 3.0, 5.0);
    }

    @Test
    void anUnknownSourceNamesTheClosestNamesBeforeAnythingRuns() {
        assertThatThrownBy(() -> run(notebook(), "", "x = SELECT 1 AS a\nSAVE TO \"" + dir.resolve("never") + "\"\nSELECT * FROM tpo"))
                .isInstanceOfSatisfying(MagicError.class, e -> {
                    assertThat(e.errorName()).isEqualTo("UNKNOWN_TABLE");
                    assertThat(e.getMessage()).contains("'tpo' at line 4:15").contains("did you mean top");
                    assertThat(e.details()).containsExactly("SELECT * FROM tpo", "              ^-^");
                });
        assertThat(Files.exists(dir.resolve("never"))).isFalse();
        assertThatThrownBy(() -> run(notebook(), "", "SELECT * FROM top\nx = PRINT 2 ROWS"))
                .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.getMessage())
                        .isEqualTo("line 3:1: PRINT gives no dataframe to assign to x"));
    }

    @Test
    void aRuntimeFailureNamesTheStatementAndTheSqlSent() {
        assertThatThrownBy(() -> run(notebook(), "", "x = SELECT 1 AS a\nSELECT nope FROM top"))
                .isInstanceOfSatisfying(MagicError.class, e -> {
                    assertThat(e.getMessage()).startsWith("statement 2 (line 3:8) failed:").contains("nope");
                    assertThat(e.details()).contains("SELECT nope FROM top", "       ^--^")
                            .anyMatch(d -> d.startsWith("SQL sent to Spark: SELECT nope FROM `_fsql1_"));
                });
    }

    @Test
    void transformRunsANotebookFunctionPerGroup() {
        SEEN.clear();
        GroupFunction<List<Map<String, Object>>, List<Map<String, Object>>> rank = rows -> {
            for (int i = 0; i < rows.size(); i++) {
                rows.get(i).put("rank", i + 1);
            }
            return rows;
        };
        // The action is serialized to Spark's tasks (local here, the same JVM): what it sees goes to a static list.
        GroupAction<List<Map<String, Object>>> sink = rows -> SEEN.add(rows.get(0).get("region") + ":" + rows.size());
        RecordingMagicContext context = run(notebook().set("rank", rank).set("sink", sink), "", """
                ranked = TRANSFORM rides PREPARTITION BY region PRESORT km DESC USING rank SCHEMA *,rank:int
                SELECT region, km, rank FROM ranked ORDER BY region, rank
                YIELD LOCAL DATAFRAME AS ranked
                OUTTRANSFORM ranked PREPARTITION BY region USING sink
                """);
        DataFrame ranked = (DataFrame) context.lookup("ranked").orElseThrow();
        assertThat(ranked.getColumn("km").toList()).containsExactly(6.0, 4.0, 1.5);
        assertThat(ranked.getColumn("rank").toList()).containsExactly(1, 2, 1);
        assertThat(SEEN).containsExactlyInAnyOrder("north:2", "south:1");

        assertThatThrownBy(() -> run(notebook().set("rank", "not a function"), "", "SELECT * FROM top\nTRANSFORM USING rank SCHEMA *"))
                .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.getMessage())
                        .startsWith("line 3:1: USING rank: the variable holds a java.lang.String, not a GroupFunction"));
        assertThatThrownBy(() -> run(notebook(), "", "SELECT * FROM top\nTRANSFORM USING rnak SCHEMA *"))
                .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.errorName()).isEqualTo("UNKNOWN_VARIABLE"));
    }

    @Test
    void aFiftyStatementCellRunsAndReadsTheCatalogByName() {
        StringBuilder body = new StringBuilder("t0 = SELECT region, rides FROM top\n");
        for (int i = 1; i < 49; i++) {
            body.append(i % 2 == 1 ? "t" + i + " = SELECT region, rides + 1 AS rides FROM t" + (i - 1) + "\n" : "t" + i + " = TAKE 3 ROWS FROM t" + (i - 1) + "\n");
        }
        body.append("YIELD LOCAL DATAFRAME AS fifty\n");
        RecordingMagicContext context = run(notebook(), "", body.toString());
        DataFrame fifty = (DataFrame) context.lookup("fifty").orElseThrow();
        assertThat(fifty.sort("region", true).getColumn("rides").toList()).containsExactly(25L, 27L, 29L);

        run(context, "", "PRINT 1 ROW FROM regions ROWCOUNT");
        assertThat(context.printed()).contains("2 rows");
    }

    @Test
    void aSelectSparkCannotParseFailsWithItsCellLineBeforeAnythingRuns() {
        String out = dir.resolve("not-written").toString();
        assertThatThrownBy(() -> run(notebook(), "", "SELECT 1 AS a\nSAVE TO \"" + out + "\"\npercent = SELECT region\n  FROM top WHERE region = = 'x'"))
                .isInstanceOfSatisfying(MagicError.class, e -> {
                    assertThat(e.getMessage()).startsWith("statement 3 (line 5:").contains("does not parse");
                    assertThat(e.details()).contains("  FROM top WHERE region = = 'x'");
                });
        assertThat(Files.exists(Path.of(out))).isFalse();
    }

    @Test
    void explainShowsTheSqlWithoutRunning() {
        RecordingMagicContext context = run(notebook(), "--explain", "x = SELECT * FROM top WHERE rides > {min}\nYIELD DATAFRAME"
                .replace("{min}", "2"));
        assertThat(context.printed()).contains("notebook table top -> temporary view _fsql1_")
                .contains("[1] line 2: SELECT -> x (view _fsql1_").contains("SQL: SELECT * FROM `_fsql1_")
                .contains("[2] line 3: YIELD reads [1] binds x");
        assertThat(context.bindings()).isEmpty();
    }
}
