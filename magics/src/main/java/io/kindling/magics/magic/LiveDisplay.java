package io.kindling.magics.magic;

/** A piece of cell output that can be replaced in place while work runs, such as a progress line. */
public interface LiveDisplay {
    /** Replaces what this display shows. */
    void update(Object value);

    /** Empties the display, when what it showed (a progress line) would only repeat the cell's error. */
    default void clear() {
        update(new RichText("", ""));
    }
}
