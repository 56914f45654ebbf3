package io.kindling.magics.spark;

import java.io.Serializable;

/**
 * The kernel's answer to a {@link NotebookVariableRequest}: the value in Java serialization form (the
 * executor deserializes it with its own class loader, which knows the cell classes), or why it could
 * not be sent.
 */
record NotebookVariableReply(byte[] serializedValue, String problem) implements Serializable {
    static NotebookVariableReply value(byte[] serializedValue) {
        return new NotebookVariableReply(serializedValue, null);
    }

    static NotebookVariableReply failure(String problem) {
        return new NotebookVariableReply(null, problem);
    }
}
