package io.kindling.kernel.magic;

import io.kindling.magics.magic.CellMagic;
import io.kindling.magics.magic.LineMagic;
import io.kindling.magics.magic.MagicSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MagicRegistryTest {
    private static LineMagic line(String name) {
        MagicSpec spec = new MagicSpec(name, MagicSpec.Kind.LINE, name + " line", List.of(), false, List.of(), "%" + name);
        return new LineMagic() {
            public MagicSpec spec() {
                return spec;
            }

            public Optional<Object> run(io.kindling.magics.magic.MagicArguments a, io.kindling.magics.magic.MagicContext c) {
                return Optional.empty();
            }
        };
    }

    private static CellMagic cell(String name) {
        MagicSpec spec = new MagicSpec(name, MagicSpec.Kind.CELL, name + " cell", List.of(), false, List.of(), "%%" + name);
        return new CellMagic() {
            public MagicSpec spec() {
                return spec;
            }

            public Optional<Object> run(io.kindling.magics.magic.MagicArguments a, String body, io.kindling.magics.magic.MagicContext c) {
                return Optional.empty();
            }
        };
    }

    @Test
    void aLineAndACellMagicMayShareANameButNotTwoOfOneKind() {
        MagicRegistry registry = new MagicRegistry().register(line("presto")).register(cell("presto"));

        assertThat(registry.lineMagic("presto")).isPresent();
        assertThat(registry.cellMagic("presto")).isPresent();
        assertThatThrownBy(() -> registry.register(line("presto")))
                .isInstanceOf(IllegalStateException.class).hasMessage("%presto is registered twice");
    }

    @Test
    void specsListLineMagicsFirstThenCellMagicsEachByName() {
        MagicRegistry registry = new MagicRegistry().register(cell("presto")).register(line("tables"))
                .register(cell("hive")).register(line("maven"));

        assertThat(registry.specs()).extracting(MagicSpec::invocation)
                .containsExactly("%maven", "%tables", "%%hive", "%%presto");
    }

    @Test
    void anUnknownNameSuggestsCloseNamesOfEitherKind() {
        MagicRegistry registry = new MagicRegistry().register(line("tables")).register(cell("presto"));

        assertThat(registry.unknown(MagicSpec.Kind.CELL, "prest")).hasMessageStartingWith("unknown magic %%prest (did you mean %%presto?)");
        assertThat(registry.unknown(MagicSpec.Kind.LINE, "table")).hasMessageStartingWith("unknown magic %table (did you mean %tables?)");
        assertThat(registry.unknown(MagicSpec.Kind.LINE, "zzz")).hasMessage("unknown magic %zzz; %lsmagic lists the magics this kernel knows");
    }
}
