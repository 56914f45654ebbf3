package io.kindling.magics.magic;

/** A piece of cell output that can be replaced in place while work runs, such as a progress line. */
public interface LiveDisplay {
    /** Replaces what this display shows. */
    void update(Object value);
}
