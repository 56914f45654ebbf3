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
    private static final AtomicInteger POOLS = new AtomicInteger();

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
     * Runs {@code call} on every part on the pool and concatenates what the calls return, in the parts' order.
     * The first failure fails the whole run and stops the other calls.
     */
    <T, R> List<R> run(List<List<T>> parts, BiFunction<List<T>, String, List<R>> call) {
        if (parts.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, parts.size()), task -> {
            Thread thread = new Thread(task, "kindling-transform-" + POOLS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        List<Future<List<R>>> calls = new ArrayList<>(parts.size());
        try {
            for (int i = 0; i < parts.size(); i++) {
                List<T> part = parts.get(i);
                String name = "partition " + i;
                calls.add(pool.submit(() -> call.apply(part, name)));
            }
            List<R> output = new ArrayList<>();
            for (Future<List<R>> result : calls) {
                output.addAll(result.get());
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MagicError(ErrorName.INTERRUPTED, "transform was interrupted; its running calls were interrupted and the rest skipped");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            // Whatever ended the wait (done, a failure, an interrupt): nothing of this call keeps running.
            calls.forEach(c -> c.cancel(true));
            pool.shutdownNow();
        }
    }

    /**
     * The calls' inputs: one per group (or per partition for coarse and for no keys), each in presort order.
     *
     * @param key   the group key of an item, or null when the spec has no keys
     * @param order the spec's presort
     */
    <T> List<List<T>> parts(List<T> items, Function<T, Object> key, Comparator<T> order, PartitionSpec spec) {
        if (key != null) {
            Map<Object, List<T>> groups = new LinkedHashMap<>();
            for (T item : items) {
                groups.computeIfAbsent(key.apply(item), k -> new ArrayList<>()).add(item);
            }
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
