import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The readiness check of hiveserver2.sh: polls until a HiveServer2 session opens and runs SELECT 1, the
 * server process dies, or the deadline passes. Run as a single source file on the server's classpath:
 * {@code java -cp 'lib/*' HiveServer2Ready.java jdbc:hive2://127.0.0.1:10000/default <pid> <seconds>}.
 * Exit 0: ready; 1: the process died; 2: timed out.
 */
public final class HiveServer2Ready {
    public static void main(String[] args) throws InterruptedException {
        String url = args[0];
        long pid = Long.parseLong(args[1]);
        long deadline = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
        DriverManager.setLoginTimeout(10);
        String last = "no attempt";
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                System.err.println("HiveServer2 process " + pid + " exited (last check: " + last + ")");
                System.exit(1);
            }
            try (Connection connection = DriverManager.getConnection(url, "kindling", "");
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT 1")) {
                if (rows.next() && rows.getInt(1) == 1) {
                    System.exit(0);
                }
                last = "SELECT 1 returned no 1";
            } catch (SQLException e) {
                last = String.valueOf(e.getMessage());
            }
            Thread.sleep(500);
        }
        System.err.println("HiveServer2 did not open a session in time (last check: " + last + ")");
        System.exit(2);
    }
}
