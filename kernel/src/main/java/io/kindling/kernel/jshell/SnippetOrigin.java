package io.kindling.kernel.jshell;

/**
 * Where a JShell snippet came from: the cell's execution count and the cell line its first line is on.
 * Used to point stack frames and compile errors at cell lines instead of JShell's snippet ids.
 */
record SnippetOrigin(int executionCount, int firstLine) {
}
