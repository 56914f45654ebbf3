package io.kindling.kernel.io;

/** The two text streams a cell writes to. */
public enum StreamName { STDOUT, STDERR }
