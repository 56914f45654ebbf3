package io.kindling.magics.presto;

import io.kindling.magics.magic.MagicError;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParameterBinderTest {
    private final Map<String, Object> notebook = Map.of(
            "region", "EUROPE", "keys", List.of(1, 2, 3), "table", "odd \"name\"", "injection", "'; DROP TABLE x; --");
    private final ParameterBinder binder = new ParameterBinder(name -> Optional.ofNullable(notebook.get(name)), notebook.keySet());

    private BoundStatement bind(String sql) {
        return binder.bind(sql, at -> "offset " + at);
    }

    @Test
    void referencesBecomePlaceholdersWithValues() {
        BoundStatement bound = bind("SELECT * FROM r WHERE name = {region} AND k IN ({keys})");

        assertThat(bound.sql()).isEqualTo("SELECT * FROM r WHERE name = ? AND k IN (?, ?, ?)");
        assertThat(bound.parameters()).containsExactly("EUROPE", 1, 2, 3);
    }

    @Test
    void injectionAttemptsStayData() {
        BoundStatement bound = bind("SELECT {injection}");

        assertThat(bound.sql()).isEqualTo("SELECT ?");
        assertThat(bound.parameters()).containsExactly("'; DROP TABLE x; --");
    }

    @Test
    void identifierReferencesAreQuotedSafely() {
        assertThat(bind("SELECT * FROM {table:identifier}").sql()).isEqualTo("SELECT * FROM \"odd \"\"name\"\"\"");
    }

    @Test
    void bracesInStringsCommentsAndDoubledBracesAreLeftAlone() {
        BoundStatement bound = bind("SELECT '{region}', \"{region}\", {{region}} -- {region}\n");

        assertThat(bound.sql()).isEqualTo("SELECT '{region}', \"{region}\", {region}} -- {region}\n");
        assertThat(bound.parameters()).isEmpty();
    }

    @Test
    void unknownVariableIsNamedWithAHint() {
        assertThatThrownBy(() -> bind("SELECT {regoin}"))
                .isInstanceOf(MagicError.class)
                .hasMessage("{regoin} at offset 7 names no notebook variable (did you mean region?); define it in a Java cell first");
    }

    @Test
    void sentOffsetsMapBackToWrittenOffsets() {
        BoundStatement bound = bind("SELECT {region}, nope");

        int sentNope = bound.sql().indexOf("nope");
        assertThat(bound.writtenOffset(sentNope)).isEqualTo("SELECT {region}, nope".indexOf("nope"));
        assertThat(bound.writtenOffset(3)).isEqualTo(3);
    }
}
