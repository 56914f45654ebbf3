package io.kindling.kernel.magic;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a cell will run: one cell magic ({@code %%name args} on the first line owns the cell), or a
 * sequence of Java code and line magics ({@code %name args} alone on a line), run in order.
 */
public record CellPlan(List<Part> parts) {
    private static final Pattern CELL_MAGIC = Pattern.compile("\\A\\s*%%([A-Za-z_]\\w*)(\\??)([^\\n]*)(?:\\n|\\z)");
    private static final Pattern LINE_MAGIC = Pattern.compile("^[ \\t]*%(?!%)([A-Za-z_]\\w*)(\\??)([^\\n]*)$", Pattern.MULTILINE);
    private static final Pattern MALFORMED = Pattern.compile("\\A\\s*%%?(?![A-Za-z_%])(\\S*)");

    public CellPlan {
        parts = List.copyOf(parts);
    }

    /** One step of a cell. */
    public sealed interface Part permits Java, LineMagicCall, CellMagicCall {
    }

    /** Java code at {@code [from, to)} of the cell. */
    public record Java(int from, int to) implements Part {
    }

    /** {@code %name args} on cell line {@code line}; {@code help} when written {@code %name?}. */
    public record LineMagicCall(String name, boolean help, String arguments, int line) implements Part {
    }

    /** {@code %%name args} with the rest of the cell as its body, which starts on cell line 2. */
    public record CellMagicCall(String name, boolean help, String arguments, String body) implements Part {
    }

    public static CellPlan of(String cell) {
        Matcher cellMagic = CELL_MAGIC.matcher(cell);
        if (cellMagic.find()) {
            return new CellPlan(List.of(new CellMagicCall(cellMagic.group(1), !cellMagic.group(2).isEmpty(),
                    cellMagic.group(3).strip(), cell.substring(cellMagic.end()))));
        }
        Matcher malformed = MALFORMED.matcher(cell);
        if (malformed.find()) {
            throw new IllegalArgumentException("'" + cell.strip().lines().findFirst().orElse("")
                    + "' is not a magic: write %name or %%name, with a name made of letters, digits and '_'");
        }
        List<Part> parts = new ArrayList<>();
        Matcher lineMagic = LINE_MAGIC.matcher(cell);
        int javaFrom = 0;
        while (lineMagic.find()) {
            addJava(parts, cell, javaFrom, lineMagic.start());
            parts.add(new LineMagicCall(lineMagic.group(1), !lineMagic.group(2).isEmpty(), lineMagic.group(3).strip(),
                    lineOf(cell, lineMagic.start())));
            javaFrom = Math.min(cell.length(), lineMagic.end() + 1);
        }
        addJava(parts, cell, javaFrom, cell.length());
        return new CellPlan(parts);
    }

    private static void addJava(List<Part> parts, String cell, int from, int to) {
        if (from < to && !cell.substring(from, to).isBlank()) {
            parts.add(new Java(from, to));
        }
    }

    private static int lineOf(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }
}
