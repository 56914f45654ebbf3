package io.kindling.magics.transform;

import java.io.Serializable;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a function takes or returns, the Java counterpart of Fugue's type annotations: a container
 * ({@code List}, {@code Iterable}, {@code Iterator}, {@code Stream}, or a DFLib {@code DataFrame}) of
 * records of a class the user names, or of {@code Map<String,Object>} rows. The type parameter is the
 * Java type the function sees, so the lambda is typed by the shapes it is passed with. Made by
 * {@link Transforms#listOf}, {@link Transforms#streamOfMaps}, {@link Transforms#dataFrame} and friends.
 * <pre>{@code
 * transform(rides, streamOf(Ride.class), listOfMaps("region:str,km:double"), rs -> summarize(rs));
 * }</pre>
 */
public final class Shape<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    enum Container { LIST, ITERABLE, ITERATOR, STREAM, DATAFRAME }

    private final Container container;
    private final Class<?> record;
    private final String schema;

    Shape(Container container, Class<?> record, String schema) {
        this.container = requireNonNull(container, "container is null");
        this.record = record;
        this.schema = schema;
        if (record != null && !record.isRecord()) {
            throw new IllegalArgumentException(record.getName() + " is not a record: name a record class, or use the map shapes"
                    + " (listOfMaps(), ...) for untyped rows");
        }
    }

    Container container() {
        return container;
    }

    /** The record class of the rows, or empty for maps and DataFrames. */
    Optional<Class<?>> record() {
        return Optional.ofNullable(record);
    }

    /** The output schema string, for untyped outputs. */
    Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

    @Override
    public String toString() {
        String rows = record != null ? record.getSimpleName() : "Map<String,Object>";
        return switch (container) {
            case LIST -> "List<" + rows + ">";
            case ITERABLE -> "Iterable<" + rows + ">";
            case ITERATOR -> "Iterator<" + rows + ">";
            case STREAM -> "Stream<" + rows + ">";
            case DATAFRAME -> "DataFrame";
        } + (schema != null ? " \"" + schema + "\"" : "");
    }
}
