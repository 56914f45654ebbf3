package io.kindling.magics.fsql;

import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.SourceText;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Turns the first syntax error ANTLR reports into a {@link MagicError} with the cell's line:column,
 * the line and a caret, and what was expected there in the words a user types ({@code ROWS},
 * {@code a name}, {@code a string}).
 */
final class FsqlSyntaxErrors extends BaseErrorListener {
    private final SourceText body;

    FsqlSyntaxErrors(SourceText body) {
        this.body = requireNonNull(body, "body is null");
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String msg, RecognitionException e) {
        int start;
        int end;
        String found;
        if (offendingSymbol instanceof Token token && token.getType() != Token.EOF) {
            start = token.getStartIndex();
            end = token.getStopIndex() + 1;
            found = "'" + token.getText() + "'";
        } else if (offendingSymbol instanceof Token token) {
            // The end of a statement: point just after its last character.
            start = Math.max(0, token.getStartIndex());
            end = start + 1;
            found = "the end of the statement";
        } else {
            // A lexer error: the character it could not read.
            start = body.offsetOf(line + body.firstLine() - 1, charPositionInLine + 1);
            end = start + 1;
            found = "'" + (start < body.text().length() ? body.text().charAt(start) : ' ') + "'";
        }
        String expected = recognizer instanceof Parser parser ? expected(parser, e) : "";
        String message = body.positionOf(start) + ": unexpected " + found + (expected.isEmpty() ? "" : "; expected " + expected);
        throw new MagicError(ErrorName.SYNTAX_ERROR, message).at(body.positionOf(start), List.of(body.caret(start, end)));
    }

    private static String expected(Parser parser, RecognitionException e) {
        IntervalSet tokens = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        List<String> words = new ArrayList<>();
        for (int type : tokens.toList()) {
            String word = word(parser, type);
            if (!words.contains(word)) {
                words.add(word);
            }
        }
        if (words.isEmpty()) {
            return "";
        }
        if (words.size() > 12) {
            return "a statement (SELECT, LOAD, SAVE, PRINT, YIELD, TAKE, ... or name = ...)";
        }
        return words.size() == 1 ? words.get(0)
                : String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    private static String word(Parser parser, int type) {
        if (FsqlBoundaries.isName(type)) {
            // Keywords that may also be names (left, zip, csv ...) are one expectation, not a list of words.
            return "a name";
        }
        return switch (type) {
            case Token.EOF -> "the end of the statement";
            case FsqlParser.STRING -> "a string";
            case FsqlParser.NUMBER -> "a number";
            case FsqlParser.SEMI -> "';'";
            default -> {
                String literal = parser.getVocabulary().getLiteralName(type);
                yield literal != null ? literal.replace("'", "").toUpperCase(Locale.ROOT)
                        : parser.getVocabulary().getSymbolicName(type);
            }
        };
    }
}
