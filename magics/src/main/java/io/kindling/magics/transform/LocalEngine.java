package io.kindling.magics.transform;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Runs a call in the kernel's JVM, no Spark involved: the input's rows are split as the partition
 * spec says (groups by key, or {@code num} partitions), each part sorted by its presort, and the
 * parts run on a pool of {@code threads} threads. The output keeps the parts' order. Interrupting the
 * waiting thread (the cell) interrupts every running part and discards the rest.
 */
final class LocalEngine {
    /** Below this many rows per worker, grouping in one pass beats starting workers for it. */
    private static final int PARALLEL_GROUPING_ROWS = 50_000;

    private final int threads;

    LocalEngine(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.threads = threads;
    }

    /** The machine's cores: the local engine's CONCURRENCY. */
    static LocalEngine ofThisMachine() {
        return new LocalEngine(Runtime.getRuntime().availableProcessors());
    }

    int concurrency() {
        return threads;
    }

    /** The rows every call returned, in the parts' order (with the failure column when the call collects failures). */
    List<Row> run(List<Row> rows, GroupCall call, PartitionSpec spec) {
        requireNonNull(rows, "rows is null");
        int[] keys = call.keys();
        Function<Row, Object> key = keys.length == 0 ? null : row -> key(row, keys);
        return run(parts(rows, key, RowOrder.of(spec.presort(), call), spec), (part, name) -> {
            List<Row> out = new ArrayList<>();
            call.callOnce(part, name).forEachRemaining(out::add);
            return out;
        });
    }

    /**
     * Runs {@code call} on every part and concatenates what the calls return, in the parts' order. Up to
     * {@code threads} workers take parts one after the other (no task object per group); with one worker
     * the calling thread does the work itself. The first failure stops the other workers from taking more.
     */
    <T, R> List<R> run(List<List<T>> parts, BiFunction<List<T>, String, List<R>> call) {
        if (parts.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<R>[] results = new List[parts.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < parts.size() && failure.get() == null; i = next.getAndIncrement()) {
                if (Thread.currentThread().isInterrupted()) {
                    failure.compareAndSet(null, new InterruptedException());
                    return;
                }
                try {
                    results[i] = call.apply(parts.get(i), "partition " + i);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        int workers = Math.min(threads, parts.size());
        if (workers == 1) {
            worker.run();
            if (Thread.currentThread().isInterrupted() || failure.get() instanceof InterruptedException) {
                throw interrupted();
            }
        } else {
            runOnPool(worker, workers);
        }
        Throwable failed = failure.get();
        if (failed instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failed instanceof Error error) {
            throw error;
        }
        int size = 0;
        for (List<R> result : results) {
            size += result.size();
        }
        List<R> output = new ArrayList<>(size);
        for (List<R> result : results) {
            output.addAll(result);
        }
        return output;
    }

    private static void runOnPool(Runnable worker, int workers) {
        AtomicInteger started = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "kindling-transform-" + started.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        List<Future<?>> running = new ArrayList<>(workers);
        try {
            for (int i = 0; i < workers; i++) {
                running.add(pool.submit(worker));
            }
            for (Future<?> done : running) {
                done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a transform worker failed outside the function", e.getCause());
        } finally {
            // Whatever ended the wait (done, a failure, an interrupt): nothing of this call keeps running.
            running.forEach(r -> r.cancel(true));
            pool.shutdownNow();
        }
    }

    private static MagicError interrupted() {
        return new MagicError(ErrorName.INTERRUPTED, "transform was interrupted; its running calls were interrupted and the rest skipped");
    }

    /**
     * The calls' inputs: one per group (or per partition for coarse and for no keys), each in presort order.
     *
     * @param key   the group key of an item, or null when the spec has no keys
     * @param order the spec's presort
     */
    <T> List<List<T>> parts(List<T> items, Function<T, Object> key, Comparator<T> order, PartitionSpec spec) {
        if (key != null) {
            Map<Object, List<T>> groups = group(items, key);
            List<List<T>> parts;
            if (spec.algorithm() == PartitionAlgorithm.COARSE) {
                int n = partitions(spec, items.size());
                parts = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    parts.add(new ArrayList<>());
                }
                for (Map.Entry<Object, List<T>> group : groups.entrySet()) {
                    parts.get(Math.floorMod(java.util.Objects.hashCode(group.getKey()), n)).addAll(group.getValue());
                }
                parts.removeIf(List::isEmpty);
            } else {
                parts = new ArrayList<>(groups.values());
            }
            // A group's rows share their key: only a presort orders them (coarse parts hold whole groups already).
            if (!spec.presort().isEmpty()) {
                parts.forEach(part -> part.sort(order));
            }
            return parts;
        }
        if (items.isEmpty()) {
            return List.of();
        }
        int n = spec.num().isPresent() ? Math.min(partitions(spec, items.size()), items.size()) : 1;
        if (n == 1 && spec.presort().isEmpty()) {
            return List.of(items);
        }
        List<List<T>> parts = new ArrayList<>();
        List<T> source = items;
        if (spec.algorithm() == PartitionAlgorithm.RAND) {
            source = new ArrayList<>(items);
            Collections.shuffle(source, new Random());
        }
        for (int i = 0; i < n; i++) {
            parts.add(new ArrayList<>());
        }
        for (int r = 0; r < source.size(); r++) {
            int part = spec.algorithm() == PartitionAlgorithm.HASH || spec.algorithm() == PartitionAlgorithm.RAND
                    ? r % n : (int) ((long) r * n / source.size());
            parts.get(part).add(source.get(r));
        }
        parts.removeIf(List::isEmpty);
        if (!spec.presort().isEmpty()) {
            parts.forEach(part -> part.sort(order));
        }
        return parts;
    }

    /**
     * The items by key, keys in the order they first appear and each group's items in input order.
     * Big inputs are grouped in slices, one per worker, then joined slice after slice, which keeps
     * both orders: on two cores the grouping pass, a plain loop's main cost, takes half the time.
     */
    private <T> Map<Object, List<T>> group(List<T> items, Function<T, Object> key) {
        int workers = Math.min(threads, items.size() / PARALLEL_GROUPING_ROWS);
        if (workers < 2) {
            return groupInOnePass(items, key);
        }
        List<List<T>> slices = new ArrayList<>(workers);
        for (int i = 0; i < workers; i++) {
            slices.add(items.subList((int) ((long) items.size() * i / workers), (int) ((long) items.size() * (i + 1) / workers)));
        }
        List<Map<Object, List<T>>> grouped = run(slices, (slice, name) -> List.of(groupInOnePass(slice, key)));
        Map<Object, List<T>> groups = grouped.get(0);
        for (Map<Object, List<T>> later : grouped.subList(1, grouped.size())) {
            later.forEach((k, part) -> groups.merge(k, part, (first, more) -> {
                first.addAll(more);
                return first;
            }));
        }
        return groups;
    }

    private static <T> Map<Object, List<T>> groupInOnePass(List<T> items, Function<T, Object> key) {
        Map<Object, List<T>> groups = new LinkedHashMap<>();
        for (T item : items) {
            groups.computeIfAbsent(key.apply(item), k -> new ArrayList<>()).add(item);
        }
        return groups;
    }

    private int partitions(PartitionSpec spec, long rowCount) {
        return spec.num().map(n -> n.evaluate(rowCount, threads)).orElse(threads);
    }

    private static Object key(Row row, int[] keys) {
        if (keys.length == 1) {
            return row.get(keys[0]);
        }
        Object[] values = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            values[i] = row.get(keys[i]);
        }
        return Arrays.asList(values);
    }
}
