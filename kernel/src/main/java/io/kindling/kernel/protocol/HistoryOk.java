package io.kindling.kernel.protocol;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.MessageType;

import java.util.List;
import java.util.Map;

/**
 * A history_reply. jjava's own reply misses {@code "status": "ok"} and its socket serializes history
 * entries as objects instead of the protocol's {@code [session, line, input]} tuples, so the content
 * is built here as plain JSON-shaped data.
 */
final class HistoryOk {
    private HistoryOk() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Message<?> reply(MessageContext request, List<HistoryEntry> entries, boolean withOutput) {
        List<List<Object>> tuples = entries.stream()
                .map(e -> List.<Object>of(e.getSession(), e.getCellNumber(),
                        withOutput ? List.of(e.getInput(), e.getOutput() == null ? "" : e.getOutput()) : e.getInput()))
                .toList();
        return new Message(request, MessageType.HISTORY_REPLY, Map.of("status", "ok", "history", tuples));
    }
}
