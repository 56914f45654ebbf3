package io.kindling.magics.spark;

import java.io.Serializable;

import static java.util.Objects.requireNonNull;

/** What an executor asks the kernel for: one notebook variable, named by its wrapper class and name. */
record NotebookVariableRequest(String wrapperClass, String variable) implements Serializable {
    NotebookVariableRequest {
        requireNonNull(wrapperClass, "wrapperClass is null");
        requireNonNull(variable, "variable is null");
    }
}
