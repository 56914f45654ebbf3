package io.kindling.magics.fsql;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.SourceText;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A {@code %%fsql} cell parsed into statements, all of it before anything runs; a syntax error
 * anywhere fails with the cell's line:column, the line, a caret and what was expected.
 * <pre>{@code
 * FsqlCell cell = FsqlCell.parse(new SourceText("""
 *         top = select region, count(*) AS n from rides group by region
 *         print 10 rows from top title "regions"
 *         """, 2));
 * cell.statements().size();   // 2
 * }</pre>
 *
 * @param body       the cell's body, whose offsets the statements use
 * @param statements in order
 */
public record FsqlCell(SourceText body, List<FsqlStatement> statements) {
    public FsqlCell {
        requireNonNull(body, "body is null");
        statements = List.copyOf(statements);
    }

    /** Parses the body; throws a located {@link MagicError} SYNTAX_ERROR for the first mistake. */
    public static FsqlCell parse(SourceText body) {
        requireNonNull(body, "body is null");
        FsqlSyntaxErrors errors = new FsqlSyntaxErrors(body);
        FsqlLexer lexer = new FsqlLexer(CharStreams.fromString(body.text()));
        lexer.removeErrorListeners();
        lexer.addErrorListener(errors);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        Steps steps = new Steps(body, errors);
        List<FsqlStatement> statements = new ArrayList<>();
        for (List<Token> statementTokens : split(tokens)) {
            FsqlParser.StatementContext statement = parseStatement(statementTokens, errors);
            Optional<String> target = Optional.ofNullable(statement.target).map(FsqlCell::name);
            statements.add(new FsqlStatement(target, steps.visit(statement.step()), start(statement), end(statement)));
        }
        return new FsqlCell(body, statements);
    }

    /**
     * The cell's tokens cut into statements, each ending with an EOF token just after it: at {@code ;}
     * and before a line that starts a statement ({@link FsqlBoundaries}), outside parentheses.
     */
    private static List<List<Token>> split(CommonTokenStream tokens) {
        List<List<Token>> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            int type = token.getType();
            boolean ends = type == Token.EOF || depth == 0 && type == FsqlParser.SEMI;
            if (!ends && depth == 0 && !current.isEmpty()) {
                tokens.seek(i);
                ends = FsqlBoundaries.startsStatement(tokens);
            }
            if (ends && !current.isEmpty()) {
                current.add(eofAfter(current.get(current.size() - 1)));
                statements.add(current);
                current = new ArrayList<>();
                depth = 0;
            }
            if (type == Token.EOF || depth == 0 && type == FsqlParser.SEMI) {
                continue;
            }
            depth += type == FsqlParser.LPAREN ? 1 : type == FsqlParser.RPAREN && depth > 0 ? -1 : 0;
            current.add(token);
        }
        return statements;
    }

    /**
     * One statement's tokens (ending with EOF) parsed in ANTLR's fast SLL mode, which decides nearly every
     * statement; only one that SLL cannot is parsed again in full LL mode, which also reports a syntax error.
     */
    private static FsqlParser.StatementContext parseStatement(List<Token> tokens, FsqlSyntaxErrors errors) {
        FsqlParser fast = new FsqlParser(new CommonTokenStream(new ListTokenSource(tokens)));
        fast.removeErrorListeners();
        fast.setErrorHandler(new BailErrorStrategy());
        fast.getInterpreter().setPredictionMode(PredictionMode.SLL);
        try {
            return fast.singleStatement().statement();
        } catch (ParseCancellationException e) {
            FsqlParser full = new FsqlParser(new CommonTokenStream(new ListTokenSource(tokens)));
            full.removeErrorListeners();
            full.addErrorListener(errors);
            return full.singleStatement().statement();
        }
    }

    /** An end-of-input token just after {@code last}, so a parser stops there and reports its position. */
    private static Token eofAfter(Token last) {
        CommonToken eof = new CommonToken(Token.EOF, "<EOF>");
        eof.setStartIndex(last.getStopIndex() + 1);
        eof.setStopIndex(last.getStopIndex());
        eof.setLine(last.getLine());
        eof.setCharPositionInLine(last.getCharPositionInLine() + last.getText().length());
        return eof;
    }

    /** The tokens of a parse tree, in order. */
    private static List<Token> tokens(ParseTree tree, List<Token> into) {
        if (tree instanceof TerminalNode terminal) {
            into.add(terminal.getSymbol());
        }
        for (int i = 0; i < tree.getChildCount(); i++) {
            tokens(tree.getChild(i), into);
        }
        return into;
    }

    /** A name as the user means it: backquotes removed (a doubled backquote is one). */
    static String name(FsqlParser.IdentifierContext identifier) {
        String text = identifier.getText();
        return text.startsWith("`") ? text.substring(1, text.length() - 1).replace("``", "`") : text;
    }

    /** A string literal's content, its escapes read as Spark reads them. */
    static String string(Token token) {
        String text = token.getText();
        String inner = text.substring(1, text.length() - 1);
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length()) {
                char next = inner.charAt(++i);
                value.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }

    static int start(ParserRuleContext context) {
        return context.getStart().getStartIndex();
    }

    static int end(ParserRuleContext context) {
        Token stop = context.getStop();
        return stop == null || stop.getType() == Token.EOF ? start(context) : stop.getStopIndex() + 1;
    }

    /** Builds each statement's step from its parse tree. */
    private static final class Steps extends FsqlBaseVisitor<FsqlStep> {
        private final SourceText body;
        private final FsqlSyntaxErrors errors;

        Steps(SourceText body, FsqlSyntaxErrors errors) {
            this.body = body;
            this.errors = errors;
        }

        @Override
        public FsqlStep visitSelectStep(FsqlParser.SelectStepContext context) {
            int start = start(context);
            return new FsqlStep.Select(body.text().substring(start, end(context)), start, nestedSources(context, start));
        }

        /** The {@code (PRESTO "...")} and {@code (LOAD ...)} sources of a SELECT, offsets relative to its start. */
        private List<NestedSource> nestedSources(FsqlParser.SelectStepContext context, int offset) {
            List<Token> tokens = tokens(context, new ArrayList<>());
            List<NestedSource> sources = new ArrayList<>();
            for (int i = 0; i + 2 < tokens.size(); i++) {
                if (tokens.get(i).getType() != FsqlParser.LPAREN) {
                    continue;
                }
                Token next = tokens.get(i + 1);
                Token after = tokens.get(i + 2);
                // Only a string (or a file format) next makes it a source: (presto + 1) is an ordinary column.
                if (next.getType() == FsqlParser.IDENT && next.getText().equalsIgnoreCase("PRESTO") && after.getType() == FsqlParser.STRING) {
                    if (i + 3 >= tokens.size() || tokens.get(i + 3).getType() != FsqlParser.RPAREN) {
                        throw located(i + 3 < tokens.size() ? tokens.get(i + 3) : after,
                                "(PRESTO \"SELECT ...\") takes one query string, then ')'");
                    }
                    sources.add(new NestedSource(tokens.get(i).getStartIndex() - offset, tokens.get(i + 3).getStopIndex() + 1 - offset,
                            new NestedSource.Presto(string(after))));
                    i += 3;
                } else if (next.getType() == FsqlParser.LOAD && (after.getType() == FsqlParser.STRING || after.getType() == FsqlParser.PARQUET
                        || after.getType() == FsqlParser.CSV || after.getType() == FsqlParser.JSON)) {
                    int close = closing(tokens, i);
                    sources.add(new NestedSource(tokens.get(i).getStartIndex() - offset, tokens.get(close).getStopIndex() + 1 - offset,
                            new NestedSource.Load(load(tokens.subList(i + 1, close)))));
                    i = close;
                }
            }
            return sources;
        }

        /** LOAD's tokens (without the parentheses) parsed as a statement of their own, errors at their cell position. */
        private FsqlStep.Load load(List<Token> tokens) {
            List<Token> statement = new ArrayList<>(tokens);
            statement.add(eofAfter(tokens.get(tokens.size() - 1)));
            FsqlParser.StatementContext nested = parseStatement(statement, errors);
            FsqlParser.StepContext step = nested.step();
            if (nested.target != null || !(step instanceof FsqlParser.LoadStepContext load)) {
                throw located(tokens.get(0), "a nested source is (LOAD [format] \"path\" [(options)] [COLUMNS schema])");
            }
            return (FsqlStep.Load) visitLoadStep(load);
        }

        /** The index of the ')' that closes the '(' at {@code open}. */
        private static int closing(List<Token> tokens, int open) {
            int depth = 0;
            for (int i = open; i < tokens.size(); i++) {
                int type = tokens.get(i).getType();
                depth += type == FsqlParser.LPAREN ? 1 : type == FsqlParser.RPAREN ? -1 : 0;
                if (depth == 0) {
                    return i;
                }
            }
            throw new IllegalStateException("the grammar balances parentheses");
        }

        @Override
        public FsqlStep visitLoadStep(FsqlParser.LoadStepContext context) {
            return new FsqlStep.Load(format(context.fileFormat()), string(context.path), options(context.optionList()),
                    Optional.ofNullable(context.columns).map(this::text));
        }

        @Override
        public FsqlStep visitSaveStep(FsqlParser.SaveStepContext context) {
            FsqlStep.SaveMode mode = context.saveMode() == null ? FsqlStep.SaveMode.TO
                    : FsqlStep.SaveMode.valueOf(context.saveMode().getText().toUpperCase(java.util.Locale.ROOT));
            return new FsqlStep.Save(from(context.from), mode, context.SINGLE() != null, format(context.fileFormat()),
                    string(context.path), options(context.optionList()), context.USE() != null);
        }

        @Override
        public FsqlStep visitPrintStep(FsqlParser.PrintStepContext context) {
            return new FsqlStep.Print(Optional.ofNullable(context.rows).map(t -> count(t, "rows")), from(context.from),
                    context.ROWCOUNT() != null, Optional.ofNullable(context.title).map(FsqlCell::string));
        }

        @Override
        public FsqlStep visitYieldStep(FsqlParser.YieldStepContext context) {
            FsqlStep.YieldKind kind = context.FILE() != null ? FsqlStep.YieldKind.FILE
                    : context.local != null ? FsqlStep.YieldKind.LOCAL_DATAFRAME : FsqlStep.YieldKind.DATAFRAME;
            return new FsqlStep.Yield(kind, from(context.name));
        }

        @Override
        public FsqlStep visitTakeStep(FsqlParser.TakeStepContext context) {
            return new FsqlStep.Take(context.rows == null ? 1 : count(context.rows, "rows"), from(context.from),
                    partition(context.prepartition()), presort(context.presort()));
        }

        @Override
        public FsqlStep visitSampleStep(FsqlParser.SampleStepContext context) {
            Optional<Double> percent = Optional.ofNullable(context.percent).map(t -> number(t, "percent"));
            percent.filter(p -> p < 0 || p > 100).ifPresent(p -> {
                throw located(context.percent, "SAMPLE takes 0 to 100 PERCENT, got " + context.percent.getText());
            });
            return new FsqlStep.Sample(Optional.ofNullable(context.rows).map(t -> (long) count(t, "rows")), percent,
                    context.REPLACE() != null, Optional.ofNullable(context.seed).map(t -> (long) count(t, "seed")),
                    from(context.from));
        }

        @Override
        public FsqlStep visitDropRowsStep(FsqlParser.DropRowsStepContext context) {
            return new FsqlStep.DropRows(context.ALL() != null, columns(context.columnList()), from(context.from));
        }

        @Override
        public FsqlStep visitDropColumnsStep(FsqlParser.DropColumnsStepContext context) {
            return new FsqlStep.DropColumns(columns(context.columnList()), context.EXISTS() != null, from(context.from));
        }

        @Override
        public FsqlStep visitFillNullsStep(FsqlParser.FillNullsStepContext context) {
            Map<String, FsqlStep.Literal> values = new LinkedHashMap<>();
            context.pairList().pair().forEach(p -> values.put(name(p.column), literal(p.value)));
            return new FsqlStep.FillNulls(values, from(context.from));
        }

        @Override
        public FsqlStep visitRenameColumnsStep(FsqlParser.RenameColumnsStepContext context) {
            return new FsqlStep.RenameColumns(pairs(context.pairList()), from(context.from));
        }

        @Override
        public FsqlStep visitAlterColumnsStep(FsqlParser.AlterColumnsStepContext context) {
            return new FsqlStep.AlterColumns(pairs(context.pairList()), from(context.from));
        }

        @Override
        public FsqlStep visitDistinctStep(FsqlParser.DistinctStepContext context) {
            return new FsqlStep.Distinct(from(context.from));
        }

        @Override
        public FsqlStep visitMarkStep(FsqlParser.MarkStepContext context) {
            return new FsqlStep.Mark(FsqlStep.MarkKind.valueOf(context.action.getText().toUpperCase(java.util.Locale.ROOT)),
                    from(context.from));
        }

        @Override
        public FsqlStep visitTransformStep(FsqlParser.TransformStepContext context) {
            return new FsqlStep.Transform(false, from(context.from), partition(context.prepartition()), presort(context.presort()),
                    name(context.function), options(context.optionList()), Optional.ofNullable(context.columns).map(this::text));
        }

        @Override
        public FsqlStep visitZipStep(FsqlParser.ZipStepContext context) {
            if (context.how != null && context.howAfter != null) {
                throw located(context.howAfter.getStart(), "ZIP takes one of INNER, LEFT OUTER, RIGHT OUTER, FULL OUTER, CROSS");
            }
            FsqlParser.ZipHowContext how = context.how != null ? context.how : context.howAfter;
            FsqlStep.ZipHow zipHow = how == null ? FsqlStep.ZipHow.INNER
                    : FsqlStep.ZipHow.valueOf(String.join("_", how.children.stream().map(c -> c.getText().toUpperCase(java.util.Locale.ROOT)).toList()));
            List<String> by = columns(context.columnList());
            if (zipHow == FsqlStep.ZipHow.CROSS && !by.isEmpty()) {
                throw located(how.getStart(), "a CROSS ZIP has no keys: drop BY, or zip INNER BY " + String.join(", ", by));
            }
            if (zipHow == FsqlStep.ZipHow.CROSS && context.presort() != null) {
                throw located(context.presort().getStart(), "a CROSS ZIP gives each side whole, in no order: PRESORT needs keys (BY)");
            }
            return new FsqlStep.Zip(context.frames.stream().map(t -> from(t).orElseThrow()).toList(), by, zipHow,
                    presort(context.presort()));
        }

        @Override
        public FsqlStep visitOutTransformStep(FsqlParser.OutTransformStepContext context) {
            return new FsqlStep.Transform(true, from(context.from), partition(context.prepartition()), presort(context.presort()),
                    name(context.function), options(context.optionList()), Optional.empty());
        }

        private String text(ParserRuleContext context) {
            return body.text().substring(start(context), end(context));
        }

        private static Optional<String> from(FsqlParser.IdentifierContext identifier) {
            return Optional.ofNullable(identifier).map(FsqlCell::name);
        }

        private static Optional<String> from(FsqlParser.TableNameContext table) {
            return Optional.ofNullable(table).map(t -> String.join(".", t.identifier().stream().map(FsqlCell::name).toList()));
        }

        private static Optional<String> format(FsqlParser.FileFormatContext format) {
            return Optional.ofNullable(format).map(f -> f.getText().toLowerCase(java.util.Locale.ROOT));
        }

        private static List<String> partition(FsqlParser.PrepartitionContext partition) {
            return partition == null ? List.of() : columns(partition.columnList());
        }

        private static List<FsqlStep.SortColumn> presort(FsqlParser.PresortContext presort) {
            return presort == null ? List.of() : presort.sortKey().stream()
                    .map(k -> new FsqlStep.SortColumn(name(k.identifier()), k.DESC() != null)).toList();
        }

        private static List<String> columns(FsqlParser.ColumnListContext list) {
            return list == null ? List.of() : list.identifier().stream().map(FsqlCell::name).toList();
        }

        private static Map<String, String> pairs(FsqlParser.PairListContext list) {
            Map<String, String> pairs = new LinkedHashMap<>();
            list.pair().forEach(p -> pairs.put(name(p.column), literal(p.value).text()));
            return pairs;
        }

        private static Map<String, String> options(FsqlParser.OptionListContext options) {
            Map<String, String> values = new LinkedHashMap<>();
            if (options != null) {
                for (FsqlParser.OptionPairContext option : options.optionPair()) {
                    FsqlParser.OptionKeyContext key = option.key;
                    String name = key.STRING() != null ? string(key.STRING().getSymbol())
                            : String.join(".", key.identifier().stream().map(FsqlCell::name).toList());
                    values.put(name, literal(option.value).text());
                }
            }
            return values;
        }

        private static FsqlStep.Literal literal(FsqlParser.LiteralContext literal) {
            if (literal.STRING() != null) {
                return new FsqlStep.Literal(string(literal.STRING().getSymbol()), true);
            }
            if (literal.identifier() != null) {
                return new FsqlStep.Literal(name(literal.identifier()), false);
            }
            return new FsqlStep.Literal(literal.getText(), false);
        }

        private int count(Token token, String what) {
            try {
                return Integer.parseInt(token.getText());
            } catch (NumberFormatException e) {
                throw located(token, what + " must be a whole number, got " + token.getText());
            }
        }

        private double number(Token token, String what) {
            try {
                return Double.parseDouble(token.getText());
            } catch (NumberFormatException e) {
                throw located(token, what + " must be a number, got " + token.getText());
            }
        }

        private MagicError located(Token token, String message) {
            int start = token.getStartIndex();
            return new MagicError(ErrorName.SYNTAX_ERROR, body.positionOf(start) + ": " + message)
                    .at(body.positionOf(start), List.of(body.caret(start, token.getStopIndex() + 1)));
        }
    }
}
