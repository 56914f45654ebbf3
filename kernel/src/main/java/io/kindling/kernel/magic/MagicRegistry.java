package io.kindling.kernel.magic;

import io.kindling.magics.magic.CellMagic;
import io.kindling.magics.magic.CloseNames;
import io.kindling.magics.magic.LineMagic;
import io.kindling.magics.magic.Magic;
import io.kindling.magics.magic.MagicSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The magics this kernel knows, by name; filled once at start-up. */
public final class MagicRegistry {
    private final Map<String, LineMagic> lineMagics = new TreeMap<>();
    private final Map<String, CellMagic> cellMagics = new TreeMap<>();

    public MagicRegistry register(Magic magic) {
        MagicSpec spec = magic.spec();
        Map<String, ? extends Magic> existing = spec.kind() == MagicSpec.Kind.LINE ? lineMagics : cellMagics;
        if (existing.containsKey(spec.name())) {
            throw new IllegalStateException(spec.invocation() + " is registered twice");
        }
        if (magic instanceof LineMagic line) {
            lineMagics.put(spec.name(), line);
        } else if (magic instanceof CellMagic cell) {
            cellMagics.put(spec.name(), cell);
        }
        return this;
    }

    public Optional<LineMagic> lineMagic(String name) {
        return Optional.ofNullable(lineMagics.get(name));
    }

    public Optional<CellMagic> cellMagic(String name) {
        return Optional.ofNullable(cellMagics.get(name));
    }

    /** Every magic's spec, line magics first, by name. */
    public List<MagicSpec> specs() {
        List<MagicSpec> specs = new ArrayList<>();
        lineMagics.values().forEach(m -> specs.add(m.spec()));
        cellMagics.values().forEach(m -> specs.add(m.spec()));
        specs.sort(Comparator.comparing(MagicSpec::kind).thenComparing(MagicSpec::name));
        return specs;
    }

    /** The error for a name nobody registered, naming close ones of either kind. */
    public UnknownMagicException unknown(MagicSpec.Kind kind, String name) {
        List<String> known = new ArrayList<>();
        lineMagics.keySet().forEach(n -> known.add("%" + n));
        cellMagics.keySet().forEach(n -> known.add("%%" + n));
        String typed = kind.prefix() + name;
        List<String> close = CloseNames.of(typed, known);
        return new UnknownMagicException(typed, close);
    }
}
