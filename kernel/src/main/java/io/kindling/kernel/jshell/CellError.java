package io.kindling.kernel.jshell;

import java.util.List;

/** A failure shown in a cell: Jupyter's error name, value and traceback lines. */
public interface CellError {
    String errorName();

    String errorValue();

    List<String> traceback();
}
