package io.kindling.magics.hive;

import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hadoop.hive.metastore.HiveMetaStore;
import org.apache.hadoop.hive.metastore.TSetIpAddressProcessor;
import org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.server.TThreadPoolServer;
import org.apache.thrift.transport.TServerSocket;
import org.apache.thrift.transport.TTransportFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The local Hive metastore service's process: Hive's own metastore (the 2.3 that Spark's Hive support
 * speaks) over Thrift on the loopback interface only, with its Derby database and warehouse in one
 * directory. {@link LocalMetastore} starts it; Hive's stock launcher cannot bind to loopback alone.
 * <pre>
 * java -cp '&lt;kernel lib&gt;/*' io.kindling.magics.hive.MetastoreServer ~/.kindling/hive
 * </pre>
 */
public final class MetastoreServer {
    private MetastoreServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: MetastoreServer <directory> <port, 0 for any>");
            System.exit(2);
        }
        MetastoreFiles files = new MetastoreFiles(Path.of(args[0]).toAbsolutePath());
        Files.createDirectories(files.warehouse());
        // Derby writes derby.log into the working directory unless told otherwise.
        System.setProperty("derby.stream.error.file", files.home().resolve("derby.log").toString());
        HiveConf conf = new HiveConf();
        conf.set("javax.jdo.option.ConnectionURL", "jdbc:derby:;databaseName=" + files.database() + ";create=true");
        conf.set("javax.jdo.option.ConnectionDriverName", "org.apache.derby.jdbc.EmbeddedDriver");
        conf.set("datanucleus.schema.autoCreateAll", "true");
        conf.set("hive.metastore.schema.verification", "false");
        conf.set("hive.metastore.warehouse.dir", files.warehouse().toUri().toString());
        // Locations on this disk are shown as local:///…, which the local Trino's Hive catalog reads (see LocalLocations).
        ThriftHiveMetastore.Iface handler = LocalLocations.shownAsLocal(
                HiveMetaStore.newRetryingHMSHandler("kindling local metastore", conf, false));
        TServerSocket socket = bind(Integer.parseInt(args[1]));
        int port = socket.getServerSocket().getLocalPort();
        TThreadPoolServer server = new TThreadPoolServer(new TThreadPoolServer.Args(socket)
                .processor(new TSetIpAddressProcessor<>(handler))
                .transportFactory(new TTransportFactory())
                .protocolFactory(new TBinaryProtocol.Factory())
                .minWorkerThreads(4).maxWorkerThreads(200));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "metastore-stop"));
        writeAtomically(files.address(), port + " " + ProcessHandle.current().pid() + "\n");
        System.out.println("Kindling local Hive metastore on thrift://127.0.0.1:" + port + " (" + files.home() + ")");
        server.serve();
    }

    /**
     * The port of the service's previous run when it is free, so sessions of running kernels reconnect
     * to a restarted service; else any.
     */
    private static TServerSocket bind(int preferred) throws org.apache.thrift.transport.TTransportException {
        if (preferred > 0) {
            try {
                return new TServerSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), preferred));
            } catch (org.apache.thrift.transport.TTransportException taken) {
                // Taken by something else since: any port will do.
            }
        }
        return new TServerSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** Readers never see half a file: write beside it, then move over it. */
    private static void writeAtomically(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
