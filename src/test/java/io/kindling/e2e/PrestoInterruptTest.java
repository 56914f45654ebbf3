package io.kindling.e2e;

import io.kindling.magics.presto.LocalTrino;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** An interrupted {@code %%presto} cell cancels its query on the server, and the kernel stays usable. */
class PrestoInterruptTest {

    @Test
    void interruptCancelsTheQueryOnTheServer() throws Exception {
        String marker = "interrupt_" + UUID.randomUUID().toString().replace("-", "");
        try (JupyterDriver kernel = JupyterDriver.start(InstalledKernel.get(), Map.of(
                "KINDLING_TRINO_URL", LocalTrino.url(), "KINDLING_TRINO_CATALOG", "tpch", "KINDLING_TRINO_SCHEMA", "sf100"))) {
            String slow = kernel.call("submit", "code",
                    "%%presto\nSELECT count(*) AS " + marker + " FROM lineitem a CROSS JOIN nation b").get("msg_id").asText();
            waitForState(marker, "RUNNING", Duration.ofSeconds(60));

            kernel.call("interrupt");
            JupyterDriver.Execution interrupted = new JupyterDriver.Execution(kernel.call("collect", "msg_id", slow, "timeout", 30));

            assertThat(interrupted.reply().get("ename").asText()).isEqualTo("Interrupted");
            assertThat(waitForState(marker, "FAILED", Duration.ofSeconds(30))).isEqualTo("FAILED USER_CANCELED");
            assertThat(kernel.execute("%%presto\nSELECT 1 AS one").status()).isEqualTo("ok");
        }
    }

    /** The query's state and error code in system.runtime.queries, once it reaches {@code state}. */
    private static String waitForState(String marker, String state, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String seen = "not found";
        try (Connection connection = DriverManager.getConnection(LocalTrino.jdbcUrl(), "kindling-observer", null);
             Statement statement = connection.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = statement.executeQuery("SELECT state, error_code FROM system.runtime.queries "
                        + "WHERE query LIKE '%" + marker + "%' AND query NOT LIKE '%system.runtime.queries%'")) {
                    if (rows.next()) {
                        seen = rows.getString(1) + (rows.getString(2) == null ? "" : " " + rows.getString(2));
                        if (rows.getString(1).equals(state)) {
                            return seen;
                        }
                    }
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("query " + marker + " never reached " + state + "; last seen: " + seen);
    }
}
