package io.kindling.magics.magic;

/** Anything the kernel can dispatch by name; {@link #spec()} is its single description. */
public sealed interface Magic permits LineMagic, CellMagic {
    MagicSpec spec();
}
