package io.kindling.magics.chart;

import io.kindling.magics.magic.MagicUsageException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A magic's {@code --plot} option: the chart of the cell's result, as {@code MARK:X[,Y][,color=C][,facet=F]}.
 * <pre>{@code
 * %%presto top --plot bar:subscenario,n
 * %%presto rides --plot histogram:km,color=region
 * }</pre>
 */
public record PlotOption(Mark mark, String x, Optional<String> y, Optional<String> color, Optional<String> facet) {
    /** What {@code --plot} takes, for a magic's help. */
    public static final String USAGE = "MARK:X[,Y][,color=C][,facet=F]";
    public static final String HELP = "chart the result: bar|line|scatter|histogram, e.g. bar:subscenario,n";

    public PlotOption {
        requireNonNull(mark, "mark is null");
        requireNonNull(x, "x is null");
        requireNonNull(y, "y is null");
        requireNonNull(color, "color is null");
        requireNonNull(facet, "facet is null");
    }

    /** Reads the option's value; a mistake fails naming {@code --plot}, before the cell runs anything. */
    public static PlotOption parse(String value, String usage) {
        requireNonNull(value, "value is null");
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw bad(value, "it has no ':' between the mark and the columns", usage);
        }
        Mark mark;
        try {
            mark = Mark.valueOf(value.substring(0, colon).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(value, "'" + value.substring(0, colon).strip() + "' is not bar, line, scatter or histogram", usage);
        }
        List<String> columns = new ArrayList<>();
        Optional<String> color = Optional.empty();
        Optional<String> facet = Optional.empty();
        for (String part : value.substring(colon + 1).split(",")) {
            String item = part.strip();
            if (item.isEmpty()) {
                throw bad(value, "a column name is empty", usage);
            } else if (item.startsWith("color=")) {
                color = Optional.of(item.substring("color=".length()).strip());
            } else if (item.startsWith("facet=")) {
                facet = Optional.of(item.substring("facet=".length()).strip());
            } else {
                columns.add(item);
            }
        }
        int wanted = switch (mark) {
            case HISTOGRAM -> 1;
            case SCATTER, LINE -> 2;
            case BAR -> columns.size() == 1 ? 1 : 2;
        };
        if (columns.size() != wanted) {
            throw bad(value, mark.name().toLowerCase(Locale.ROOT) + " takes " + (wanted == 1 ? "one column" : "two columns (x,y)")
                    + ", not " + columns.size(), usage);
        }
        return new PlotOption(mark, columns.get(0), columns.size() > 1 ? Optional.of(columns.get(1)) : Optional.empty(), color, facet);
    }

    /** The chart of {@code table} this option asks for. */
    public Chart chartOf(Object table) {
        ChartOf of = Charts.chart(table);
        Chart chart = switch (mark) {
            case BAR -> y.map(column -> of.bar(x, column)).orElseGet(() -> of.bar(x));
            case LINE -> of.line(x, y.orElseThrow());
            case SCATTER -> of.scatter(x, y.orElseThrow());
            case HISTOGRAM -> of.histogram(x);
        };
        if (color.isPresent()) {
            chart = chart.color(color.get());
        }
        return facet.isPresent() ? chart.facet(facet.get()) : chart;
    }

    private static MagicUsageException bad(String value, String why, String usage) {
        return new MagicUsageException("--plot " + value + ": " + why + "; write --plot " + USAGE, usage);
    }
}
