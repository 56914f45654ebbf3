package io.kindling.magics.hive;

import io.kindling.magics.hive.jdbc.HiveServer2Connection;
import io.kindling.magics.hive.jdbc.HiveServer2Error;
import io.kindling.magics.hive.jdbc.HiveServer2Profile;
import io.kindling.magics.hive.jdbc.HiveServer2Statement;
import io.kindling.magics.hive.jdbc.ParquetOutput;
import io.kindling.magics.magic.Cancellation;
import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.LiveDisplay;
import io.kindling.magics.magic.MagicContext;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.SourcePosition;
import io.kindling.magics.magic.SourceText;
import io.kindling.magics.sql.BoundStatement;
import io.kindling.magics.sql.SqlScript;
import io.kindling.magics.table.ParquetTable;
import io.kindling.magics.table.TableStats;
import io.kindling.magics.table.jdbc.ReadResult;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * A {@code %%hive} cell on an existing HiveServer2 (Hive, Kyuubi, Spark Thrift Server) over JDBC: the
 * statements run in order in one session, the server's log lines show in place while each runs, an
 * interrupt cancels the statement on the server, and the last statement's rows are bound: as a DFLib
 * DataFrame (capped), or with {@code --out} streamed to a local Parquet file and bound as its handle.
 */
final class HiveServer2Cell {
    private final HiveServer2Profile profile;
    private final Map<String, String> environment;
    private final Supplier<SparkSession> sessions;

    /** @param sessions reads a written result back for its handle (local Spark) */
    HiveServer2Cell(HiveServer2Profile profile, Map<String, String> environment, Supplier<SparkSession> sessions) {
        this.profile = requireNonNull(profile, "profile is null");
        this.environment = Map.copyOf(environment);
        this.sessions = requireNonNull(sessions, "sessions is null");
    }

    /**
     * @param out     where to write the last result; empty binds a DataFrame
     * @param maxRows what a DataFrame holds at most; past it the cell fails unless {@code limited}
     * @return the value to bind (DataFrame or ParquetTable), if the last statement answered with rows
     */
    Optional<Object> run(SourceText body, List<SqlScript.Statement> statements, List<BoundStatement> bound, Optional<Path> out,
                         long maxRows, boolean limited, int previewRows, MagicContext context) {
        for (BoundStatement statement : bound) {
            if (!statement.parameters().isEmpty()) {
                throw new MagicError(ErrorName.UNSUPPORTED_TYPE, "{name} parameters are not sent to a HiveServer2 yet (profile '"
                        + profile.name() + "'); write the value in the SQL, or use a profile that runs on Spark");
            }
        }
        Optional<Object> result = Optional.empty();
        try (HiveServer2Connection connection = HiveServer2Connection.open(profile, environment)) {
            for (int i = 0; i < statements.size(); i++) {
                boolean last = i == statements.size() - 1;
                result = runOne(connection, body, statements.get(i), bound.get(i), last ? out : Optional.empty(),
                        last ? maxRows : previewRows, last && !limited, context);
            }
        }
        return result;
    }

    private Optional<Object> runOne(HiveServer2Connection connection, SourceText body, SqlScript.Statement statement,
                                    BoundStatement bound, Optional<Path> out, long maxRows, boolean failPastMax, MagicContext context) {
        long started = System.nanoTime();
        LiveDisplay progress = context.liveDisplay("running on " + profile.address());
        try (HiveServer2Statement running = connection.statement();
             Cancellation.Registration cancel = context.cancellation().onCancel(running::cancel)) {
            boolean rows = running.execute(bound.sql(), line -> progress.update(line));
            String label = SparkHiveScript.label(statement.text());
            if (!rows) {
                progress.update(label + ": done" + seconds(started));
                return Optional.empty();
            }
            if (out.isPresent()) {
                Path directory = Files.createDirectories(out.get());
                ParquetOutput written = running.writeParquet(directory.resolve("part-00000.parquet"));
                progress.update(label + ": " + TableStats.count(written.rows(), "row") + " written to " + directory + seconds(started));
                SparkSession spark = sessions.get();
                return Optional.of(ParquetTable.describe(directory.toUri(), 20, () -> spark));
            }
            ReadResult read = running.read(maxRows, count -> { });
            if (read.truncated() && failPastMax) {
                throw new MagicError(ErrorName.TOO_MANY_ROWS, "the result has more than " + TableStats.count(maxRows, "row")
                        + ", more than a notebook table should hold; nothing was bound. Aggregate, pass --limit N "
                        + "to keep the first N rows, or --out PATH to stream it to a Parquet file");
            }
            progress.update(label + ": " + TableStats.count(read.rows(), "row") + (read.truncated() ? " (first ones)" : "") + seconds(started));
            return Optional.of(read.dataFrame());
        } catch (HiveServer2Error e) {
            throw located(e, body, statement);
        } catch (java.io.IOException e) {
            throw new MagicError(ErrorName.OUTPUT_UNWRITABLE, "cannot write " + out.orElseThrow() + ": " + e.getMessage(), List.of(), e);
        }
    }

    /** The server's position in the statement, as a cell line with a caret. */
    private static MagicError located(HiveServer2Error error, SourceText body, SqlScript.Statement statement) {
        Optional<SourcePosition> where = error.statementPosition();
        if (where.isEmpty()) {
            return error;
        }
        int offset = statement.offset() + new SourceText(statement.text(), 1).offsetOf(where.get().line(), where.get().column());
        String[] caret = body.caret(offset, offset + 1);
        return error.at(body.positionOf(offset), Arrays.asList(caret));
    }

    private static String seconds(long startedNanos) {
        return String.format(Locale.ROOT, " (%.1f s)", (System.nanoTime() - startedNanos) / 1e9);
    }
}
