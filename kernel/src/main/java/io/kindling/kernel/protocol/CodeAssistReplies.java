package io.kindling.kernel.protocol;

import io.kindling.kernel.jshell.JavaCodeAssist;
import io.kindling.kernel.magic.CellPlan;
import io.kindling.kernel.magic.MagicRegistry;
import io.kindling.magics.magic.MagicArgumentParser;
import io.kindling.magics.magic.MagicArguments;
import io.kindling.magics.magic.MagicSpec;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Answers completion, inspection and completeness questions for whole cells: magic names and help
 * where the cursor is on a magic, JShell's analysis for Java code. Offsets are Java char offsets.
 */
final class CodeAssistReplies {
    private static final Pattern MAGIC_PREFIX = Pattern.compile("(^|\\n)([ \\t]*)(%%?)(\\w*)$");
    private static final Pattern MAGIC_AT = Pattern.compile("(%%?)(\\w+)");

    private final JavaCodeAssist java;
    private final MagicRegistry magics;

    CodeAssistReplies(JavaCodeAssist java, MagicRegistry magics) {
        this.java = requireNonNull(java, "java is null");
        this.magics = requireNonNull(magics, "magics is null");
    }

    ReplacementOptions complete(String code, int cursor) {
        Matcher magic = MAGIC_PREFIX.matcher(code.substring(0, cursor));
        if (magic.find()) {
            String prefix = magic.group(3);
            List<String> names = magics.specs().stream()
                    .map(MagicSpec::invocation)
                    .filter(n -> n.startsWith(prefix + magic.group(4)) && (prefix.equals("%%") == n.startsWith("%%")))
                    .toList();
            return new ReplacementOptions(names, magic.start(3), cursor);
        }
        if (inCellMagicBody(code)) {
            return completeInCellMagic(code, cursor).orElse(new ReplacementOptions(List.of(), cursor, cursor));
        }
        JavaCodeAssist.Completion completion = java.complete(code, cursor);
        return new ReplacementOptions(completion.matches(), completion.start(), completion.end());
    }

    /** Asks the cell magic to complete inside its body, translating body offsets to cell offsets. */
    private Optional<ReplacementOptions> completeInCellMagic(String code, int cursor) {
        CellPlan plan;
        try {
            plan = CellPlan.of(code);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!(plan.parts().get(0) instanceof CellPlan.CellMagicCall call)) {
            return Optional.empty();
        }
        int bodyStart = code.length() - call.body().length();
        if (cursor < bodyStart) {
            return Optional.empty();
        }
        return magics.cellMagic(call.name()).flatMap(magic -> {
            try {
                MagicArguments arguments = MagicArgumentParser.parse(magic.spec(), call.arguments());
                return magic.complete(arguments, call.body(), cursor - bodyStart, java.variableNames());
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }).map(c -> new ReplacementOptions(c.matches(), bodyStart + c.start(), bodyStart + c.end()));
    }

    Optional<DisplayData> inspect(String code, int cursor) {
        Optional<MagicSpec> magic = magicAt(code, cursor);
        if (magic.isPresent()) {
            return Optional.of(new DisplayData(magic.get().help()));
        }
        if (inCellMagicBody(code)) {
            return Optional.empty();
        }
        return java.inspect(code, cursor).map(inspection -> {
            DisplayData data = new DisplayData(inspection.signature()
                    + inspection.javadoc().map(doc -> "\n\n" + doc).orElse(""));
            return data;
        });
    }

    /** One of {@link BaseKernel}'s is_complete answers, or an indent for the next line. */
    String isComplete(String code) {
        CellPlan plan;
        try {
            plan = CellPlan.of(code);
        } catch (IllegalArgumentException e) {
            return BaseKernel.IS_COMPLETE_BAD;
        }
        StringBuilder javaCode = new StringBuilder();
        for (CellPlan.Part part : plan.parts()) {
            if (part instanceof CellPlan.CellMagicCall call) {
                if (magics.cellMagic(call.name()).isEmpty()) {
                    return BaseKernel.IS_COMPLETE_BAD;
                }
                // Like IPython: a cell magic's body ends with an empty line.
                return call.help() || code.endsWith("\n") ? BaseKernel.IS_COMPLETE_YES : "";
            }
            if (part instanceof CellPlan.LineMagicCall line && magics.lineMagic(line.name()).isEmpty()) {
                return BaseKernel.IS_COMPLETE_BAD;
            }
            if (part instanceof CellPlan.Java javaPart) {
                javaCode.append(code, javaPart.from(), javaPart.to()).append('\n');
            }
        }
        return switch (java.readiness(javaCode.toString())) {
            case COMPLETE -> BaseKernel.IS_COMPLETE_YES;
            case INVALID -> BaseKernel.IS_COMPLETE_BAD;
            case INCOMPLETE -> nextIndent(code);
        };
    }

    private static String nextIndent(String code) {
        String last = code.substring(code.lastIndexOf('\n') + 1);
        String indent = last.substring(0, last.length() - last.stripLeading().length());
        return last.stripTrailing().endsWith("{") ? indent + "    " : indent;
    }

    private boolean inCellMagicBody(String code) {
        return code.stripLeading().startsWith("%%");
    }

    private Optional<MagicSpec> magicAt(String code, int cursor) {
        int lineStart = code.lastIndexOf('\n', Math.max(0, cursor - 1)) + 1;
        int lineEnd = code.indexOf('\n', cursor);
        String line = code.substring(lineStart, lineEnd < 0 ? code.length() : lineEnd);
        Matcher matcher = MAGIC_AT.matcher(line.stripLeading());
        if (!matcher.lookingAt() || cursor - lineStart > line.length() - line.stripLeading().length() + matcher.end()) {
            return Optional.empty();
        }
        String name = matcher.group(2);
        return matcher.group(1).equals("%%")
                ? magics.cellMagic(name).map(m -> m.spec())
                : magics.lineMagic(name).map(m -> m.spec());
    }
}
