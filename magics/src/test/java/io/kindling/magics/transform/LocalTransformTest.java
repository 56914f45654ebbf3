package io.kindling.magics.transform;

import io.kindling.magics.magic.MagicError;
import io.kindling.magics.transform.Rides.Prediction;
import io.kindling.magics.transform.Rides.Ride;
import org.dflib.DataFrame;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.kindling.magics.transform.Transforms.algo;
import static io.kindling.magics.transform.Transforms.asLocal;
import static io.kindling.magics.transform.Transforms.collectFailures;
import static io.kindling.magics.transform.Transforms.num;
import static io.kindling.magics.transform.Transforms.onError;
import static io.kindling.magics.transform.Transforms.onlyGroups;
import static io.kindling.magics.transform.Transforms.outTransform;
import static io.kindling.magics.transform.Transforms.params;
import static io.kindling.magics.transform.Transforms.partitionBy;
import static io.kindling.magics.transform.Transforms.presort;
import static io.kindling.magics.transform.Transforms.transform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local engine: the kernel's JVM, a pool of its cores, no Spark started. */
class LocalTransformTest {
    private static final List<Ride> RIDES = Rides.rides(20);
    /** What each call of the test functions saw, in call order. */
    private static final Queue<List<Ride>> CALLS = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger BROKEN = new AtomicInteger();

    record Task(int id, double a) implements Serializable {
    }

    record Done(int id, String thread) implements Serializable {
    }

    record KmAsText(String region, long rideId, String km) implements Serializable {
    }

    record Renamed(String region, long rideId, double distance) implements Serializable {
    }

    @BeforeEach
    void reset() {
        CALLS.clear();
        BROKEN.set(1);
    }

    static List<Rides.Case> cases() {
        return Rides.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyShapeGivesTheSameRows(Rides.Case shape) {
        DataFrame out = shape.run(RIDES, partitionBy("region"));
        assertThat(Rides.predictions(out)).isEqualTo(Rides.expected(RIDES));
        DataFrame fromFrame = shape.run(Rides.frame(RIDES), partitionBy("region"));
        assertThat(Rides.predictions(fromFrame)).as("a DFLib input").isEqualTo(Rides.expected(RIDES));
    }

    @Test
    void oneCallPerGroupInPresortOrderNeverSplit() {
        DataFrame out = transform(RIDES, Ride.class, Prediction.class, rs -> {
            CALLS.add(rs);
            return Rides.predict(rs);
        }, partitionBy("region"), presort("km desc, rideId"));
        assertThat(out.height()).isEqualTo(RIDES.size());
        assertThat(CALLS).hasSize(3);
        for (List<Ride> call : CALLS) {
            assertThat(call).hasSize(20);
            assertThat(call.stream().map(Ride::region).distinct()).hasSize(1);
            List<Double> kms = call.stream().map(Ride::km).toList();
            List<Double> sorted = new ArrayList<>(kms);
            sorted.sort(Collections.reverseOrder());
            assertThat(kms).isEqualTo(sorted);
        }
    }

    @Test
    void withoutKeysOneCallPerPartitionAndNumTakesRowcountAndConcurrency() {
        transform(RIDES, Ride.class, Prediction.class, rs -> record(rs), num("ROWCOUNT/10"), algo("even"));
        assertThat(CALLS).hasSize(6).allSatisfy(call -> assertThat(call).hasSize(10));
        CALLS.clear();
        transform(RIDES, Ride.class, Prediction.class, rs -> record(rs));
        assertThat(CALLS).as("no partitioning: one call on everything").hasSize(1);
        CALLS.clear();
        transform(RIDES, Ride.class, Prediction.class, rs -> record(rs), num("CONCURRENCY*2"));
        assertThat(CALLS).hasSize(Runtime.getRuntime().availableProcessors() * 2);
        assertThat(CALLS.stream().mapToInt(List::size).sum()).isEqualTo(RIDES.size());
    }

    @Test
    void coarseCallsOncePerPartitionWithWholeGroups() {
        transform(RIDES, Ride.class, Prediction.class, rs -> record(rs), partitionBy("region"), num(2), algo("coarse"));
        assertThat(CALLS.size()).isBetween(1, 2);
        Set<String> seen = new HashSet<>();
        for (List<Ride> call : CALLS) {
            Set<String> regions = new HashSet<>(call.stream().map(Ride::region).toList());
            assertThat(Collections.disjoint(regions, seen)).as("a group in two calls").isTrue();
            seen.addAll(regions);
            regions.forEach(region -> assertThat(call.stream().filter(r -> r.region().equals(region))).hasSize(20));
        }
        assertThat(seen).containsExactlyInAnyOrder("north", "south", "east");
    }

    private static List<Prediction> record(List<Ride> rides) {
        CALLS.add(rides);
        return Rides.predict(rides);
    }

    @Test
    void paramsReachTheFunction() {
        DataFrame out = transform(RIDES, Ride.class, Prediction.class,
                (rs, p) -> rs.stream().map(r -> new Prediction(r.region(), r.rideId(), r.km() * (Double) p.get("scale"))).toList(),
                params(Map.of("scale", 2.0)));
        assertThat(out.getColumn("score").castAsDouble().sum()).isEqualTo(RIDES.stream().mapToDouble(r -> r.km() * 2).sum());
    }

    @Test
    void theSleepExampleRunsEveryTaskOnThePool() {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tasks.add(new Task(i, i * 0.5));
        }
        Set<String> threads = Collections.synchronizedSet(new HashSet<>());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Queue<Integer> done = new ConcurrentLinkedQueue<>();
        int cores = Runtime.getRuntime().availableProcessors();
        // Each thread's first call waits for the others: a thread slow to start cannot find the parts all taken.
        CountDownLatch allThreadsIn = new CountDownLatch(Math.min(cores, 40));
        outTransform(tasks, Task.class, ts -> {
            int now = running.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            if (threads.add(Thread.currentThread().getName())) {
                allThreadsIn.countDown();
                allThreadsIn.await(30, TimeUnit.SECONDS);
            }
            Thread.sleep(20);
            running.decrementAndGet();
            ts.forEach(t -> done.add(t.id()));
        }, num("ROWCOUNT"), algo("even"));
        assertThat(done).hasSize(40).doesNotHaveDuplicates();
        assertThat(threads).hasSize(Math.min(cores, 40));
        if (cores > 1) {
            // Sleeping calls overlap however busy the machine is: the pool has more than one thread.
            assertThat(mostAtOnce.get()).isGreaterThan(1);
        }
    }

    @Test
    void aFailingFunctionNamesTheGroupTheFirstRowAndItsOwnFrames() {
        assertThatThrownBy(() -> transform(RIDES, Ride.class, Prediction.class, rs -> flaky(rs), partitionBy("region"),
                presort("rideId")))
                .isInstanceOfSatisfying(FunctionFailure.class, failure -> {
                    assertThat(failure.group()).isEqualTo("region=south");
                    assertThat(failure.firstRow()).isEqualTo("region=south, rideId=1, km=1.0");
                    assertThat(failure.getMessage()).contains("FUNCTION_FAILED", "region=south",
                            "java.lang.IllegalStateException: no model for south");
                    assertThat(failure.getStackTrace()).extracting(StackTraceElement::getMethodName)
                            .contains("flaky").noneMatch(m -> m.contains("callOnce"));
                    assertThat(failure.getStackTrace()).extracting(StackTraceElement::getClassName)
                            .noneMatch(c -> c.startsWith("java.") || c.startsWith("io.kindling.magics.transform.GroupCall"));
                });
    }

    static List<Prediction> flaky(List<Ride> rides) {
        if (rides.get(0).region().equals("south") && BROKEN.get() == 1) {
            throw new IllegalStateException("no model for south");
        }
        return Rides.predict(rides);
    }

    @Test
    void collectedFailuresLetTheOtherGroupsFinishAndReRunOnlyTheFailedOnes() {
        TransformOutcome first = transform(RIDES, Ride.class, Prediction.class, rs -> flaky(rs), partitionBy("region"),
                onError(collectFailures()));
        assertThat(first.succeeded()).isFalse();
        DataFrame failures = first.failures();
        assertThat(failures.getColumnsIndex().toArray()).containsExactly("region", "key", "exception", "message", "first_row");
        assertThat(failures.height()).isEqualTo(1);
        assertThat(failures.getColumn("region").get(0)).isEqualTo("south");
        assertThat(failures.getColumn("exception").get(0)).isEqualTo("java.lang.IllegalStateException");
        assertThat(failures.getColumn("message").get(0)).isEqualTo("no model for south");
        DataFrame output = first.result();
        assertThat(Rides.predictions(output)).isEqualTo(Rides.expected(RIDES).stream().filter(p -> !p.region().equals("south")).toList());

        BROKEN.set(0);
        DataFrame retried = transform(RIDES, Ride.class, Prediction.class, rs -> record(flaky(rs) == null ? rs : rs),
                partitionBy("region"), onlyGroups(first));
        assertThat(CALLS).hasSize(1);
        assertThat(Rides.predictions(retried)).isEqualTo(Rides.expected(RIDES).stream().filter(p -> p.region().equals("south")).toList());
    }

    @Test
    void aTypeMismatchFailsBeforeAnyCall() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> transform(RIDES, KmAsText.class, Prediction.class, rs -> {
            calls.incrementAndGet();
            return List.<Prediction>of();
        }, partitionBy("region")))
                .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.errorName()).isEqualTo("TYPE_MISMATCH"))
                .hasMessageContaining("KmAsText.km is java.lang.String (string) but column 'km' is double");
        assertThatThrownBy(() -> transform(RIDES, Renamed.class, Prediction.class, rs -> {
            calls.incrementAndGet();
            return List.<Prediction>of();
        }))
                .hasMessageContaining("Renamed.distance has no column 'distance' in the input; its columns: region, rideId, km");
        assertThatThrownBy(() -> transform(RIDES, Ride.class, Prediction.class, rs -> List.<Prediction>of(), partitionBy("city")))
                .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.errorName()).isEqualTo("BAD_PARTITION_SPEC"))
                .hasMessageContaining("partitionBy(\"city\"): the input has no column 'city'");
        assertThat(calls).hasValue(0);
    }

    @Test
    void anUntypedOutputWithoutSchemaIsAClearError() {
        assertThatThrownBy(() -> transform(RIDES, Transforms.listOf(Ride.class), Transforms.listOfMaps(), rs -> List.of()))
                .hasMessageContaining("names no columns: give a schema string");
    }

    @Test
    void asLocalCapsTheRows() {
        assertThatThrownBy(() -> transform(RIDES, Ride.class, Prediction.class, Rides::predict, asLocal(10)))
                .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.errorName()).isEqualTo("TOO_MANY_ROWS"))
                .hasMessageContaining("more than 10 rows");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anInterruptStopsThePoolsCalls() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger interrupted = new AtomicInteger();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread cell = new Thread(() -> {
            try {
                outTransform(RIDES, Ride.class, rs -> {
                    started.countDown();
                    try {
                        Thread.sleep(600_000);
                    } catch (InterruptedException e) {
                        interrupted.incrementAndGet();
                        throw e;
                    }
                }, partitionBy("region"));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        cell.start();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        cell.interrupt();
        cell.join(30_000);
        assertThat(cell.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.errorName()).isEqualTo("INTERRUPTED"));
        // An interrupted thread reads as sleeping until it is next scheduled: wait for that, not a fixed time.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((interrupted.get() == 0 || aTransformThreadSleeps()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(interrupted.get()).as("the sleeping calls were interrupted").isPositive();
        assertThat(aTransformThreadSleeps()).as("a pool thread still sleeps 30 s after the interrupt").isFalse();
    }

    private static boolean aTransformThreadSleeps() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().startsWith("kindling-transform-")
                && thread.getState() == Thread.State.TIMED_WAITING && thread.isAlive());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void withOneCoreTheCellThreadRunsTheCallsAndAnInterruptStopsThem() throws Exception {
        LocalEngine oneCore = new LocalEngine(1);
        AtomicReference<String> ranOn = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread cell = new Thread(() -> {
            try {
                oneCore.run(List.of(List.of(1), List.of(2)), (part, name) -> {
                    ranOn.set(Thread.currentThread().getName());
                    started.countDown();
                    try {
                        Thread.sleep(600_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    return part;
                });
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "the-cell");
        cell.start();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        cell.interrupt();
        cell.join(30_000);
        assertThat(ranOn.get()).isEqualTo("the-cell");
        assertThat(thrown.get()).isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.errorName()).isEqualTo("INTERRUPTED"));
        assertThat(oneCore.run(List.of(List.of(1, 2), List.of(3)), (part, name) -> part)).containsExactly(1, 2, 3);
    }

    @Test
    void aListThatMixesRecordClassesOrHoldsNullFailsBeforeAnyCall() {
        List<Object> mixed = new ArrayList<>(RIDES);
        mixed.add(new Task(1, 2));
        List<Object> withNull = new ArrayList<>(RIDES);
        withNull.add(null);
        for (List<Object> input : List.of(mixed, withNull)) {
            assertThatThrownBy(() -> transform(input, Ride.class, Prediction.class, rs -> record(rs), partitionBy("region")))
                    .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.errorName()).isEqualTo("UNSUPPORTED_INPUT"))
                    .hasMessageContaining("the input list mixes Ride with");
            assertThatThrownBy(() -> transform(input, Ride.class, Prediction.class, rs -> record(rs)))
                    .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.errorName()).isEqualTo("UNSUPPORTED_INPUT"));
        }
        assertThat(CALLS).isEmpty();
    }

    @Test
    void aFunctionThatReturnsSomethingElseThanItsOutputTypeIsNamed() {
        assertThatThrownBy(() -> transform(RIDES, Ride.class, Prediction.class, rs -> {
            List<Prediction> out = new ArrayList<>();
            out.add(null);
            return out;
        }, partitionBy("region")))
                .hasMessageContaining("the function returned null where its output type says Prediction");
    }

    @Test
    void groupingABigInputOnTwoWorkersKeepsFirstSeenKeyOrderAndInputOrderWithinGroups() {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 150_000; i++) {
            // Keys first seen in both halves of the input: 0..6 early, 7..9 only in the second half.
            int key = i < 75_000 ? i % 7 : i % 10;
            tasks.add(new Task(key, i));
        }
        PartitionSpec byId = new PartitionSpec(List.of("id"), List.of(), java.util.Optional.empty(), PartitionAlgorithm.HASH);
        java.util.function.Function<Task, Object> id = t -> t.id();
        List<List<Task>> two = new LocalEngine(2).parts(tasks, id, (a, b) -> 0, byId);
        List<List<Task>> one = new LocalEngine(1).parts(tasks, id, (a, b) -> 0, byId);
        assertThat(two).isEqualTo(one);
        assertThat(two).extracting(part -> part.get(0).id()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(two.get(0)).extracting(Task::a).isSorted();
        assertThat(two.stream().mapToInt(List::size).sum()).isEqualTo(tasks.size());
    }
}
