package io.kindling.magics.presto;

import io.kindling.magics.magic.LineMagic;
import io.kindling.magics.magic.MagicArguments;
import io.kindling.magics.magic.MagicContext;
import io.kindling.magics.magic.MagicSpec;
import io.kindling.magics.magic.OptionSpec;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * {@code %presto}: lists the Trino profiles (secrets shown only by their source), and
 * {@code %presto --use NAME} makes a profile the default for this kernel's {@code %%presto} cells.
 */
public final class PrestoLineMagic implements LineMagic {
    private static final MagicSpec SPEC = new MagicSpec("presto", MagicSpec.Kind.LINE,
            "Lists Trino connection profiles, or chooses the one %%presto cells use.",
            List.of(), false,
            List.of(OptionSpec.value("use", 'u', "NAME", "make NAME the default profile for this kernel")),
            "%presto --use warehouse");

    private final PrestoSession session;

    public PrestoLineMagic(PrestoSession session) {
        this.session = requireNonNull(session, "session is null");
    }

    @Override
    public MagicSpec spec() {
        return SPEC;
    }

    @Override
    public Optional<Object> run(MagicArguments arguments, MagicContext context) {
        arguments.value("use").ifPresent(session::use);
        TrinoProfiles profiles = session.profiles();
        String current = session.chosen().or(profiles::defaultName).orElse("");
        if (profiles.profiles().isEmpty()) {
            return Optional.of("No Trino profiles. Set " + TrinoProfiles.ENV_SERVER + " or add a presto: section to " + profiles.origin());
        }
        return Optional.of(profiles.profiles().values().stream()
                .map(p -> (p.name().equals(current) ? "* " : "  ") + p.describe())
                .collect(Collectors.joining("\n", "Trino profiles (" + profiles.origin() + "; * = used by %%presto):\n", "")));
    }
}
