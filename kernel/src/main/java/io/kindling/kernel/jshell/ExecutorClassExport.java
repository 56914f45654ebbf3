package io.kindling.kernel.jshell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Writes the classes JShell compiles from cells as class files under one directory, which Spark serves
 * to executor JVMs ({@code spark.repl.class.outputDir}) so lambdas, records and classes defined in cells
 * load there. The copies go through {@link ExecutorVariableRewriter}, so reading a notebook variable on
 * an executor fails loudly instead of seeing 0 or null.
 */
final class ExecutorClassExport {
    private final Path directory;
    /** {@code wrapper#variable} for every variable that exported code outside a cell's statements reads. */
    private final Set<String> shippedReads = ConcurrentHashMap.newKeySet();

    ExecutorClassExport(Path directory) {
        this.directory = requireNonNull(directory, "directory is null");
    }

    /**
     * Writes {@code REPL.$JShell$12$Ride} as {@code REPL/$JShell$12$Ride.class}. The file appears whole
     * or not at all, as an executor may fetch it at any moment. A changed class gets a new name from
     * JShell ({@code $JShell$12B}), so a file is only replaced when JShell loads the same class again.
     */
    void export(String binaryName, byte[] classBytes) throws IOException {
        requireNonNull(binaryName, "binaryName is null");
        requireNonNull(classBytes, "classBytes is null");
        Path target = directory.resolve(binaryName.replace('.', '/') + ".class");
        Path parent = Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(parent, ".", ".class.tmp");
        try {
            Files.write(temporary, ExecutorVariableRewriter.rewrite(classBytes, (wrapper, variable) ->
                    shippedReads.add(wrapper + "#" + variable)));
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Whether code written here reads that variable: the kernel answers executors only about those, so the
     * notebook-variable endpoint never hands out a variable (a password, say) that no shipped code uses.
     */
    boolean isReadByShippedCode(String wrapperClass, String variable) {
        return shippedReads.contains(wrapperClass + "#" + variable);
    }
}
