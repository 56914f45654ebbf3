package io.kindling.magics.magic;

import java.util.Optional;

/**
 * A magic on one line of a cell: {@code %name args}. Java code may surround it in the same cell;
 * lines run in order.
 */
public non-sealed interface LineMagic extends Magic {
    /**
     * @return a value to show as the line's result, or empty
     * @throws Exception any failure; the kernel shows it as the cell's error and stays alive
     */
    Optional<Object> run(MagicArguments arguments, MagicContext context) throws Exception;
}
