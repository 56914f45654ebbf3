package io.kindling.kernel.protocol;

import io.kindling.kernel.display.ChartRenderer;
import io.kindling.kernel.display.TableRenderer;
import io.kindling.kernel.notebook.DisplayHandle;
import io.kindling.kernel.display.ArrayText;
import io.kindling.kernel.notebook.Html;
import io.kindling.kernel.notebook.Markdown;
import io.kindling.kernel.notebook.NotebookServices;
import io.kindling.magics.table.TableLineage;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Renders values through the renderer registry and shows them in the running cell, including
 * displays that are updated in place ({@code update_display_data}).
 */
final class KernelDisplay implements NotebookServices {
    private final Renderer renderer;
    private final Supplier<CellChannel> currentCell;
    private final Runnable flushPrinted;

    /**
     * @param flushPrinted delivers what the cell printed so far: a display comes after the text printed before it,
     *                     as in IPython (a title printed above a table stays above it)
     */
    KernelDisplay(Renderer renderer, Supplier<CellChannel> currentCell, Function<Object, Optional<TableLineage>> lineage,
                  Runnable flushPrinted) {
        this.renderer = requireNonNull(renderer, "renderer is null");
        this.currentCell = requireNonNull(currentCell, "currentCell is null");
        this.flushPrinted = requireNonNull(flushPrinted, "flushPrinted is null");
        renderer.createRegistration(Html.class).preferring(MIMEType.TEXT_HTML)
                .register((html, context) -> context.renderIfRequested(MIMEType.TEXT_HTML, html::html));
        renderer.createRegistration(Markdown.class).preferring(MIMEType.TEXT_MARKDOWN)
                .register((markdown, context) -> context.renderIfRequested(MIMEType.TEXT_MARKDOWN, markdown::markdown));
        new TableRenderer(lineage).register(renderer);
        new ChartRenderer().register(renderer);
    }

    /**
     * Renders a value for the cell. A value whose rendering throws (say, a broken {@code toString()})
     * is shown as that failure instead of failing the cell.
     */
    DisplayData render(Object value, String... mimeTypes) {
        try {
            // Arrays' own toString is their identity ([I@6f6c09e5); show what they hold.
            Object shown = value != null && value.getClass().isArray() ? ArrayText.of(value) : value;
            DisplayData data = mimeTypes.length == 0 ? renderer.render(shown) : renderer.renderAs(shown, mimeTypes);
            if (value instanceof Html || value instanceof Markdown) {
                data.putText(value instanceof Html html ? html.html() : ((Markdown) value).markdown());
            }
            return data;
        } catch (RuntimeException | StackOverflowError e) {
            return new DisplayData("<" + value.getClass().getName() + " could not be shown: its rendering threw " + e + ">");
        }
    }

    @Override
    public DisplayHandle display(Object value, String... mimeTypes) {
        CellChannel cell = current();
        String id = UUID.randomUUID().toString();
        DisplayData data = render(value, mimeTypes);
        data.setDisplayId(id);
        flushPrinted.run();
        cell.publish(new PublishDisplayData(data));
        return new Handle(id, cell, mimeTypes);
    }

    @Override
    public String readLine(String prompt, boolean password) {
        CellChannel cell = current();
        if (!cell.stdinAllowed()) {
            throw new IllegalStateException("this frontend does not accept input (allow_stdin is false)");
        }
        String line = cell.readLine(prompt, password);
        return line.endsWith(System.lineSeparator()) ? line.substring(0, line.length() - System.lineSeparator().length()) : line;
    }

    private CellChannel current() {
        CellChannel cell = currentCell.get();
        if (cell == null) {
            throw new IllegalStateException("display is only available while a cell runs");
        }
        return cell;
    }

    private final class Handle implements DisplayHandle {
        private final String id;
        private final CellChannel cell;
        private final String[] mimeTypes;

        Handle(String id, CellChannel cell, String[] mimeTypes) {
            this.id = id;
            this.cell = cell;
            this.mimeTypes = mimeTypes;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void update(Object value) {
            DisplayData data = render(value, mimeTypes);
            data.setDisplayId(id);
            // Updates travel with the cell that runs now, if any, so frontends route them as live output.
            CellChannel now = currentCell.get();
            (now == null ? cell : now).publish(new PublishUpdateDisplayData(data));
        }
    }
}
