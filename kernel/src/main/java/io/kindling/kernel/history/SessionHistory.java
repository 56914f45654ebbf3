package io.kindling.kernel.history;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The inputs (and text outputs) of this kernel session, for {@code history_request}: frontends use it
 * for up-arrow recall in consoles. Every query answers with a list, never null, so clients never hang.
 */
public final class SessionHistory implements HistoryManager {
    /** Jupyter numbers sessions; this kernel keeps only its own, reported as session 1. */
    private static final int SESSION = 1;

    private final List<HistoryEntry> entries = new ArrayList<>();

    public synchronized void record(int executionCount, String input, String output) {
        entries.add(new HistoryEntry(SESSION, executionCount, input, output));
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        int from = Math.max(0, entries.size() - Math.max(0, length));
        return shape(entries.subList(from, entries.size()), flags);
    }

    @Override
    public synchronized List<HistoryEntry> lookupRange(int sessionOffset, int startCell, int endCell, Set<ResultFlag> flags) {
        // Clients name the session either as an offset (0 = current) or by the number we reported.
        if (sessionOffset != 0 && sessionOffset != SESSION) {
            return List.of();
        }
        return shape(entries.stream()
                .filter(e -> e.getCellNumber() >= startCell && (endCell <= 0 || e.getCellNumber() < endCell))
                .toList(), flags);
    }

    @Override
    public synchronized List<HistoryEntry> search(String pattern, int length, Set<ResultFlag> flags) {
        Pattern glob = globToRegex(pattern == null || pattern.isEmpty() ? "*" : pattern);
        List<HistoryEntry> matching = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = entries.size() - 1; i >= 0 && (length <= 0 || matching.size() < length); i--) {
            HistoryEntry entry = entries.get(i);
            if (glob.matcher(entry.getInput()).matches()
                    && (!flags.contains(ResultFlag.UNIQUE) || seen.add(entry.getInput()))) {
                matching.add(0, entry);
            }
        }
        return shape(matching, flags);
    }

    private static List<HistoryEntry> shape(List<HistoryEntry> found, Set<ResultFlag> flags) {
        boolean withOutput = flags.contains(ResultFlag.INCLUDE_OUTPUT);
        return found.stream()
                .map(e -> new HistoryEntry(e.getSession(), e.getCellNumber(), e.getInput(),
                        withOutput ? (e.getOutput() == null ? "" : e.getOutput()) : null))
                .toList();
    }

    /** SQLite glob, as the protocol specifies: {@code *}, {@code ?}, {@code [..]} and {@code [^..]}. */
    static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        boolean inClass = false;
        for (char c : glob.toCharArray()) {
            if (inClass) {
                regex.append(c == '\\' ? "\\\\" : String.valueOf(c));
                inClass = c != ']';
            } else if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (c == '[') {
                regex.append('[');
                inClass = true;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
