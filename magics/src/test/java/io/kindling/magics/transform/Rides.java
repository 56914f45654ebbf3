package io.kindling.magics.transform;

import org.dflib.DataFrame;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kindling.magics.transform.Transforms.dataFrame;
import static io.kindling.magics.transform.Transforms.iterableOf;
import static io.kindling.magics.transform.Transforms.iterableOfMaps;
import static io.kindling.magics.transform.Transforms.iteratorOf;
import static io.kindling.magics.transform.Transforms.iteratorOfMaps;
import static io.kindling.magics.transform.Transforms.listOf;
import static io.kindling.magics.transform.Transforms.listOfMaps;
import static io.kindling.magics.transform.Transforms.streamOf;
import static io.kindling.magics.transform.Transforms.streamOfMaps;

/**
 * The blog's per-region example as test data, and the same scoring written once per function shape:
 * each scores a ride by its km over the longest ride of its group, so every shape must give the same rows.
 */
final class Rides {
    record Ride(String region, long rideId, double km) implements Serializable {
    }

    record Prediction(String region, long rideId, double score) implements Serializable {
    }

    private Rides() {
    }

    /** {@code perRegion} rides in each of north, south, east; km is 1..perRegion, shuffled by id. */
    static List<Ride> rides(int perRegion) {
        List<Ride> rides = new ArrayList<>();
        long id = 0;
        for (int i = 0; i < perRegion; i++) {
            for (String region : List.of("north", "south", "east")) {
                rides.add(new Ride(region, id++, (i * 7 % perRegion) + 1));
            }
        }
        return rides;
    }

    static DataFrame frame(List<Ride> rides) {
        return DataFrame.foldByRow("region", "rideId", "km").of(rides.stream()
                .flatMap(r -> Stream.of(r.region(), r.rideId(), r.km())).toArray());
    }

    static List<Prediction> predict(List<Ride> rides) {
        double max = rides.stream().mapToDouble(Ride::km).max().orElse(1);
        return rides.stream().map(r -> new Prediction(r.region(), r.rideId(), r.km() / max)).toList();
    }

    static List<Prediction> expected(List<Ride> rides) {
        return rides.stream().collect(java.util.stream.Collectors.groupingBy(Ride::region)).values().stream()
                .flatMap(group -> predict(group).stream()).sorted(Comparator.comparingLong(Prediction::rideId)).toList();
    }

    /** A named combination of input shape, output shape and the scoring written for them. */
    record Case(String name, Shape<?> in, Shape<?> out, GroupFunction<?, ?> function) {
        @Override
        public String toString() {
            return name;
        }

        /** This case's transform of {@code input}. */
        @SuppressWarnings("unchecked")
        <T> T run(Object input, TransformOption... options) {
            return Transforms.transform(input, (Shape<Object>) in, (Shape<Object>) out, (GroupFunction<Object, Object>) function, options);
        }
    }

    private static <I, O> Case of(String name, Shape<I> in, Shape<O> out, GroupFunction<I, O> function) {
        return new Case(name, in, out, function);
    }

    private static List<Ride> toRides(List<Map<String, Object>> maps) {
        return maps.stream().map(m -> new Ride((String) m.get("region"), ((Number) m.get("rideId")).longValue(),
                ((Number) m.get("km")).doubleValue())).toList();
    }

    static List<Ride> fromFrame(DataFrame frame) {
        List<Ride> rides = new ArrayList<>();
        for (int r = 0; r < frame.height(); r++) {
            rides.add(new Ride((String) frame.getColumn("region").get(r), ((Number) frame.getColumn("rideId").get(r)).longValue(),
                    ((Number) frame.getColumn("km").get(r)).doubleValue()));
        }
        return rides;
    }

    static List<Prediction> predictions(DataFrame frame) {
        List<Prediction> out = new ArrayList<>();
        for (int r = 0; r < frame.height(); r++) {
            out.add(new Prediction((String) frame.getColumn("region").get(r), ((Number) frame.getColumn("rideId").get(r)).longValue(),
                    ((Number) frame.getColumn("score").get(r)).doubleValue()));
        }
        out.sort(Comparator.comparingLong(Prediction::rideId));
        return out;
    }

    private static <T> List<T> drain(Iterable<T> items) {
        List<T> all = new ArrayList<>();
        items.forEach(all::add);
        return all;
    }

    private static <T> List<T> drain(java.util.Iterator<T> items) {
        List<T> all = new ArrayList<>();
        items.forEachRemaining(all::add);
        return all;
    }

    static Map<String, Object> asMap(Prediction p) {
        return Map.of("region", p.region(), "rideId", p.rideId(), "score", p.score());
    }

    static final String SCHEMA = "region:str,rideId:long,score:double";

    /** Every input shape with records out, and every output shape with records in. */
    static List<Case> cases() {
        return List.of(
                of("List<Ride> -> List<Prediction>", listOf(Ride.class), listOf(Prediction.class), Rides::predict),
                of("Iterable<Ride> -> Iterable<Prediction>", iterableOf(Ride.class), iterableOf(Prediction.class),
                        rs -> predict(drain(rs))),
                of("Iterator<Ride> -> Iterator<Prediction>", iteratorOf(Ride.class), iteratorOf(Prediction.class),
                        rs -> predict(drain(rs)).iterator()),
                of("Stream<Ride> -> Stream<Prediction>", streamOf(Ride.class), streamOf(Prediction.class),
                        rs -> predict(rs.toList()).stream()),
                of("List<Map> -> List<Map>", listOfMaps(), listOfMaps(SCHEMA),
                        rs -> predict(toRides(rs)).stream().map(Rides::asMap).toList()),
                of("Iterable<Map> -> Iterable<Map>", iterableOfMaps(), iterableOfMaps(SCHEMA),
                        rs -> predict(toRides(drain(rs))).stream().map(Rides::asMap).toList()),
                of("Iterator<Map> -> Iterator<Map>", iteratorOfMaps(), iteratorOfMaps(SCHEMA),
                        rs -> predict(toRides(drain(rs))).stream().map(Rides::asMap).iterator()),
                of("Stream<Map> -> Stream<Map> (*-km,score)", streamOfMaps(), streamOfMaps("*-km,score:double"),
                        rs -> {
                            List<Map<String, Object>> rows = rs.toList();
                            double max = rows.stream().mapToDouble(m -> (Double) m.get("km")).max().orElse(1);
                            rows.forEach(m -> m.put("score", (Double) m.get("km") / max));
                            return rows.stream();
                        }),
                of("DataFrame -> DataFrame", dataFrame(), dataFrame(SCHEMA), frame -> {
                    double max = frame.getColumn("km").castAsDouble().max();
                    return frame.cols("region", "rideId").select().cols("score")
                            .merge(frame.getColumn("km").castAsDouble().map(km -> km / max));
                }),
                of("DataFrame -> List<Prediction>", dataFrame(), listOf(Prediction.class), frame -> predict(fromFrame(frame))),
                of("List<Ride> -> DataFrame", listOf(Ride.class), dataFrame(SCHEMA), rs -> frame(rs).cols("region", "rideId")
                        .select().cols("score").merge(org.dflib.Series.ofDouble(predict(rs).stream().mapToDouble(Prediction::score)
                                .toArray()))));
    }
}
