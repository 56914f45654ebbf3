package io.kindling.magics.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * What executors need to run code from cells: the directory the kernel writes every cell's classes
 * to (Spark serves it to executors), the jars added to the notebook with {@code %maven} or
 * {@code %jars}, and the notebook variables those classes read.
 */
public record ReplShipping(Path classDirectory, Supplier<List<Path>> addedJars, NotebookVariables variables) {
    public ReplShipping {
        requireNonNull(classDirectory, "classDirectory is null");
        requireNonNull(addedJars, "addedJars is null");
        requireNonNull(variables, "variables is null");
    }

    List<Path> jars() {
        return List.copyOf(addedJars.get());
    }
}
