package io.kindling.magics.magic;

import java.util.Optional;
import java.util.Set;

/**
 * A magic that owns a whole cell: {@code %%name args} on the first line, its body below.
 */
public non-sealed interface CellMagic extends Magic {
    /**
     * @param body the cell's text after the first line, with its line numbers starting at 2 in the cell
     * @return a value to show as the cell's result, or empty
     * @throws Exception any failure; the kernel shows it as the cell's error and stays alive
     */
    Optional<Object> run(MagicArguments arguments, String body, MagicContext context) throws Exception;

    /**
     * Completion for the cell's body at {@code cursor} (an offset into {@code body}); none by default.
     *
     * @param arguments the cell's parsed first line, so completion can follow e.g. {@code --profile}
     */
    default Optional<MagicCompletion> complete(MagicArguments arguments, String body, int cursor) {
        return Optional.empty();
    }

    /**
     * As {@link #complete(MagicArguments, String, int)}, knowing the notebook's variable names (what a
     * SQL magic's <code>{name}</code> parameters may refer to); what the kernel calls.
     */
    default Optional<MagicCompletion> complete(MagicArguments arguments, String body, int cursor, Set<String> variableNames) {
        return complete(arguments, body, cursor);
    }
}
