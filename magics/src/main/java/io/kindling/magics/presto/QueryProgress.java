package io.kindling.magics.presto;

import io.kindling.magics.magic.LiveDisplay;
import io.kindling.magics.magic.RichText;
import io.trino.jdbc.QueryStats;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * Live progress of one Trino query in the cell, like the Trino CLI's status line: state, share of
 * splits done, rows and bytes processed, elapsed time. Updated in place at most twice a second,
 * capped at 99% while running, and replaced by a one-line summary with a link to the Trino UI.
 */
final class QueryProgress {
    private static final long MIN_INTERVAL_NANOS = 500_000_000L;

    private final LiveDisplay display;
    private final TrinoProfile profile;
    private final AtomicLong lastUpdate = new AtomicLong();
    private volatile String lastState = "";
    private volatile String queryId = "";
    /** The query ended and its final state is shown; late statistics must not bring back a running line. */
    private volatile boolean ended;

    QueryProgress(LiveDisplay display, TrinoProfile profile) {
        this.display = requireNonNull(display, "display is null");
        this.profile = requireNonNull(profile, "profile is null");
    }

    /** The Trino driver's progress callback; runs on the fetching thread, so it stays cheap. */
    void onStats(QueryStats stats) {
        queryId = stats.getQueryId();
        long now = System.nanoTime();
        long previous = lastUpdate.get();
        boolean stateChanged = !stats.getState().equals(lastState);
        if (!stateChanged && now - previous < MIN_INTERVAL_NANOS) {
            return;
        }
        if (lastUpdate.compareAndSet(previous, now) && !ended) {
            lastState = stats.getState();
            display.update(running(stats));
        }
    }

    String queryId() {
        return queryId;
    }

    private RichText running(QueryStats stats) {
        double percent = Math.min(99, stats.getProgressPercentage().orElse(0));
        String plain = String.format(Locale.ROOT, "%s %3.0f%%  %,d/%,d splits  %s %s  %s  %.1fs  [%s]",
                stats.getState(), percent, stats.getCompletedSplits(), stats.getTotalSplits(),
                compact(stats.getProcessedRows()), stats.getProcessedRows() == 1 ? "row" : "rows", bytes(stats.getProcessedBytes()), stats.getElapsedTimeMillis() / 1000.0,
                stats.getQueryId());
        String bar = "<progress max=\"100\" value=\"" + (int) percent + "\" style=\"width:12em\"></progress> ";
        return new RichText(plain, "<div style=\"font-family:monospace\">" + bar + RichText.escape(plain) + "</div>");
    }

    /** Replaces the progress line with what the statement produced. */
    void finish(String summary, long elapsedMillis) {
        ended = true;
        String timing = String.format(Locale.ROOT, "%.2fs", elapsedMillis / 1000.0);
        String plain = summary + " · " + timing + (queryId.isEmpty() ? "" : " · query " + queryId);
        String html = RichText.escape(summary + " · " + timing) + (queryId.isEmpty() ? ""
                : " · query <a href=\"" + RichText.escape(profile.queryPage(queryId)) + "\" target=\"_blank\">"
                + RichText.escape(queryId) + "</a>");
        display.update(new RichText(plain, "<div style=\"font-family:monospace\">" + html + "</div>"));
    }

    /** The query failed: the cell's error says what and where, so a stale "FAILED 0%" line above it goes. */
    void failed() {
        ended = true;
        display.clear();
    }

    /** The user interrupted the query: the line says so, in place of its last running state. */
    void cancelled(long elapsedMillis) {
        finish("cancelled", elapsedMillis);
    }

    static String compact(long count) {
        if (count < 10_000) {
            return String.format(Locale.ROOT, "%,d", count);
        }
        if (count < 10_000_000) {
            return String.format(Locale.ROOT, "%.1fK", count / 1e3);
        }
        return String.format(Locale.ROOT, "%.1fM", count / 1e6);
    }

    static String bytes(long count) {
        if (count < 1024) {
            return count + "B";
        }
        if (count < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1fKiB", count / 1024.0);
        }
        if (count < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1fMiB", count / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2fGiB", count / (1024.0 * 1024 * 1024));
    }
}
