package io.kindling.magics.magic;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MagicArgumentParserTest {
    private static final MagicSpec PRESTO_LIKE = new MagicSpec("presto", MagicSpec.Kind.CELL, "Runs SQL on Trino.",
            List.of("target"), false,
            List.of(OptionSpec.value("limit", 'l', "N", "rows to fetch"),
                    OptionSpec.value("profile", 'p', "NAME", "connection profile"),
                    OptionSpec.repeated("session", 's', "KEY=VALUE", "session property"),
                    OptionSpec.flag("quiet", 'q', "no progress"),
                    OptionSpec.flag("verbose", 'v', "more output")),
            "%%presto top\nSELECT 1");

    @Test
    void parsesLongShortEqualsAndPositional() {
        MagicArguments args = MagicArgumentParser.parse(PRESTO_LIKE, "--limit 10 -p prod --session=a=b -s c=d top");

        assertThat(args.longValue("limit", 1)).contains(10L);
        assertThat(args.value("profile")).contains("prod");
        assertThat(args.values("session")).containsExactly("a=b", "c=d");
        assertThat(args.positional(0)).contains("top");
        assertThat(args.has("quiet")).isFalse();
    }

    @Test
    void bundledFlagsAndAttachedShortValue() {
        MagicArguments args = MagicArgumentParser.parse(PRESTO_LIKE, "-qv -l500");

        assertThat(args.has("quiet")).isTrue();
        assertThat(args.has("verbose")).isTrue();
        assertThat(args.longValue("limit", 1)).contains(500L);
    }

    @Test
    void quotedValuesKeepSpacesAndEscapes() {
        MagicArguments args = MagicArgumentParser.parse(PRESTO_LIKE,
                "--profile \"my \\\"best\\\" one\" --session 'x=a b' it\\ em");

        assertThat(args.value("profile")).contains("my \"best\" one");
        assertThat(args.value("session")).contains("x=a b");
        assertThat(args.positionals()).containsExactly("it em");
    }

    @Test
    void doubleDashEndsOptions() {
        MagicArguments args = MagicArgumentParser.parse(PRESTO_LIKE, "-- --quiet");

        assertThat(args.has("quiet")).isFalse();
        assertThat(args.positionals()).containsExactly("--quiet");
    }

    @Test
    void unknownLongOptionSuggestsCloseName() {
        assertThatThrownBy(() -> MagicArgumentParser.parse(PRESTO_LIKE, "--limt 5"))
                .isInstanceOf(MagicUsageException.class)
                .hasMessage("unknown option --limt for %%presto (did you mean --limit?)")
                .satisfies(e -> assertThat(((MagicUsageException) e).usage()).startsWith("%%presto [-l|--limit N]"));
    }

    @Test
    void unknownShortOptionIsNamed() {
        assertThatThrownBy(() -> MagicArgumentParser.parse(PRESTO_LIKE, "-x"))
                .hasMessage("unknown option -x for %%presto");
    }

    @Test
    void missingValueNamesTheOption() {
        assertThatThrownBy(() -> MagicArgumentParser.parse(PRESTO_LIKE, "top --limit"))
                .hasMessage("--limit needs a value (N)");
    }

    @Test
    void flagWithValueIsRejected() {
        assertThatThrownBy(() -> MagicArgumentParser.parse(PRESTO_LIKE, "--quiet=yes"))
                .hasMessage("--quiet is a flag and takes no value");
    }

    @Test
    void nonRepeatableOptionGivenTwiceIsRejected() {
        assertThatThrownBy(() -> MagicArgumentParser.parse(PRESTO_LIKE, "--limit 1 --limit 2"))
                .hasMessage("--limit was given more than once");
    }

    @Test
    void badNumberNamesOptionAndValue() {
        MagicArguments args = MagicArgumentParser.parse(PRESTO_LIKE, "--limit ten");

        assertThatThrownBy(() -> args.longValue("limit", 1))
                .hasMessage("--limit expects a whole number, got 'ten'");
        assertThatThrownBy(() -> MagicArgumentParser.parse(PRESTO_LIKE, "--limit 0").longValue("limit", 1))
                .hasMessage("--limit must be at least 1, got 0");
    }

    @Test
    void unterminatedQuoteGivesColumn() {
        assertThatThrownBy(() -> MagicArgumentParser.parse(PRESTO_LIKE, "top --profile 'prod"))
                .hasMessage("unterminated single quote starting at column 15");
    }

    @Test
    void tooManyPositionalsAreRejected() {
        assertThatThrownBy(() -> MagicArgumentParser.parse(PRESTO_LIKE, "top extra"))
                .hasMessage("%%presto takes at most 1 positional argument (target), got extra 'extra'");
    }

    @Test
    void negativeNumberIsAPositionalNotAnOption() {
        MagicSpec spec = new MagicSpec("n", MagicSpec.Kind.LINE, "n", List.of("value"), false, List.of(), "");

        assertThat(MagicArgumentParser.parse(spec, "-5").positionals()).containsExactly("-5");
    }

    @Test
    void undeclaredOptionLookupIsAProgrammingError() {
        MagicArguments args = MagicArgumentParser.parse(PRESTO_LIKE, "");

        assertThatThrownBy(() -> args.has("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void helpListsOptionsAndExample() {
        assertThat(PRESTO_LIKE.help())
                .contains("%%presto [-l|--limit N] [-p|--profile NAME] [-s|--session KEY=VALUE]... [-q|--quiet] [-v|--verbose] [target]")
                .contains("-l, --limit N")
                .contains("Example:\n  %%presto top\n  SELECT 1");
    }
}
