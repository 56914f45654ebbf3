package io.kindling.kernel.protocol;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.reply.HistoryReply;

import java.util.List;

/** jjava's history_reply misses the required {@code "status": "ok"}. */
final class HistoryOk extends HistoryReply {
    @SuppressWarnings("unused") // serialized by Gson
    private final String status = "ok";

    HistoryOk(List<HistoryEntry> history) {
        super(history);
    }
}
