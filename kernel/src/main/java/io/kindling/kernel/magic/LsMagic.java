package io.kindling.kernel.magic;

import io.kindling.magics.magic.LineMagic;
import io.kindling.magics.magic.MagicArguments;
import io.kindling.magics.magic.MagicContext;
import io.kindling.magics.magic.MagicSpec;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** {@code %lsmagic}: every magic with its one-line summary. */
public final class LsMagic implements LineMagic {
    private static final MagicSpec SPEC = new MagicSpec("lsmagic", MagicSpec.Kind.LINE,
            "Lists the line and cell magics this kernel knows. Add '?' to a magic's name for its help, e.g. %maven?",
            List.of(), false, List.of(), "%lsmagic");

    private final Supplier<List<MagicSpec>> specs;

    public LsMagic(Supplier<List<MagicSpec>> specs) {
        this.specs = requireNonNull(specs, "specs is null");
    }

    @Override
    public MagicSpec spec() {
        return SPEC;
    }

    @Override
    public Optional<Object> run(MagicArguments arguments, MagicContext context) {
        List<MagicSpec> all = specs.get();
        int width = all.stream().mapToInt(s -> s.invocation().length()).max().orElse(0);
        String listing = all.stream()
                .map(s -> String.format("%-" + width + "s  %s", s.invocation(), s.summary().lines().findFirst().orElse("")))
                .collect(Collectors.joining("\n"));
        return Optional.of(listing);
    }
}
