package io.kindling.magics.hive;

import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LocalLocationsTest {
    @Test
    void locationsOnThisDiskAreShownAsLocalAndStoredAsFile() {
        assertThat(LocalLocations.asLocal("file:/home/a/warehouse/demo.db/rides")).isEqualTo("local:///home/a/warehouse/demo.db/rides");
        assertThat(LocalLocations.asLocal("file:///home/a/x")).isEqualTo("local:///home/a/x");
        assertThat(LocalLocations.asLocal("local:/home/a/x")).isEqualTo("local:///home/a/x");
        assertThat(LocalLocations.asLocal("local:///home/a/x%20y")).isEqualTo("local:///home/a/x%20y");
        assertThat(LocalLocations.asFile("local:///home/a/x")).isEqualTo("file:/home/a/x");
        assertThat(LocalLocations.asFile("local:/home/a/x")).isEqualTo("file:/home/a/x");
    }

    @Test
    void otherFileSystemsAreLeftAlone() {
        for (String location : List.of("s3a://lake/warehouse/t", "hdfs://nn:8020/user/hive/t", "file://otherhost/t", "gs://b/t")) {
            assertThat(LocalLocations.asLocal(location)).isEqualTo(location);
            assertThat(LocalLocations.asFile(location)).isEqualTo(location);
        }
    }

    @Test
    void answersCarryLocalLocationsAndRequestsReachTheMetastoreAsFile() throws Exception {
        List<Object> received = new ArrayList<>();
        Table stored = table("file:/w/demo.db/rides");
        ThriftHiveMetastore.Iface metastore = (ThriftHiveMetastore.Iface) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ThriftHiveMetastore.Iface.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "get_table" -> stored.deepCopy();
                    case "get_partitions" -> List.of(partition("file:/w/demo.db/rides/subscenario=rain"));
                    case "get_database" -> new Database("demo", "", "file:/w/demo.db", null);
                    case "add_partition" -> {
                        received.add(((Partition) args[0]).deepCopy());
                        yield args[0];
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        ThriftHiveMetastore.Iface shown = LocalLocations.shownAsLocal(metastore);

        assertThat(shown.get_table("demo", "rides").getSd().getLocation()).isEqualTo("local:///w/demo.db/rides");
        assertThat(shown.get_partitions("demo", "rides", (short) -1).get(0).getSd().getLocation())
                .isEqualTo("local:///w/demo.db/rides/subscenario=rain");
        assertThat(shown.get_database("demo").getLocationUri()).isEqualTo("local:///w/demo.db");
        shown.add_partition(partition("local:/w/demo.db/rides/subscenario=sun"));
        assertThat(((Partition) received.get(0)).getSd().getLocation()).isEqualTo("file:/w/demo.db/rides/subscenario=sun");
    }

    private static Table table(String location) {
        Table table = new Table();
        table.setDbName("demo");
        table.setTableName("rides");
        table.setSd(storage(location));
        return table;
    }

    private static Partition partition(String location) {
        Partition partition = new Partition();
        partition.setSd(storage(location));
        return partition;
    }

    private static StorageDescriptor storage(String location) {
        StorageDescriptor sd = new StorageDescriptor();
        sd.setLocation(location);
        return sd;
    }
}
