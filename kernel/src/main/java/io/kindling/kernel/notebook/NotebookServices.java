package io.kindling.kernel.notebook;

/** What the running kernel provides to {@link Notebook}'s static methods. */
public interface NotebookServices {
    DisplayHandle display(Object value, String... mimeTypes);

    String readLine(String prompt, boolean password);
}
