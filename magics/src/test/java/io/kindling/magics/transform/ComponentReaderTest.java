package io.kindling.magics.transform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local engine's record readers: generated for public records, method handles for the others, same answers. */
class ComponentReaderTest {
    public record Everything(long l, int i, double d, float f, short s, byte b, boolean z, char c, String text, LocalDate day,
                             List<String> tags) {
    }

    private record Hidden(long l, int i, double d, float f, short s, byte b, boolean z, char c, String text, LocalDate day,
                          List<String> tags) {
    }

    /** An accessor that computes: readers call it, they do not read the field behind it. */
    public record Shouting(String name) {
        @Override
        public String name() {
            return name.toUpperCase();
        }
    }

    private static final Object[] VALUES = {7L, 3, 2.5, 1.5f, (short) 4, (byte) 5, true, 'x', "seven", LocalDate.of(2026, 12, 3),
            List.of("a", "b")};

    @Test
    void publicRecordsGetGeneratedReadersAndOthersMethodHandles() {
        assertThat(ComponentReader.of(Everything.class).getClass().getName()).endsWith("$Everything$KindlingReader");
        assertThat(ComponentReader.of(Everything.class)).isSameAs(ComponentReader.of(Everything.class));
        assertThat(ComponentReader.of(Hidden.class).getClass().getName()).doesNotContain("KindlingReader");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void getBoxesEveryComponentInDeclarationOrder(boolean generated) {
        Object record = generated ? everything() : hidden();
        ComponentReader reader = ComponentReader.of(record.getClass());
        for (int c = 0; c < VALUES.length; c++) {
            assertThat(reader.get(record, c)).as("component %d", c).isEqualTo(VALUES[c]);
        }
        assertThatThrownBy(() -> reader.get(record, VALUES.length)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void readIntoFillsPrimitiveColumnsUnboxedAndTheOthersBoxed(boolean generated) {
        Object record = generated ? everything() : hidden();
        ComponentReader reader = ComponentReader.of(record.getClass());
        Class<?>[] types = {long.class, int.class, double.class, float.class, short.class, byte.class, boolean.class, char.class,
                String.class, LocalDate.class, List.class};
        Object[] columns = new Object[types.length];
        for (int c = 0; c < types.length; c++) {
            columns[c] = ComponentReader.column(types[c], 3);
        }
        reader.readInto(record, columns, 1);
        assertThat((long[]) columns[0]).containsExactly(0L, 7L, 0L);
        assertThat((int[]) columns[1]).containsExactly(0, 3, 0);
        assertThat((double[]) columns[2]).containsExactly(0, 2.5, 0);
        for (int c = 3; c < types.length; c++) {
            assertThat((Object[]) columns[c]).as("component %d", c).containsExactly(null, VALUES[c], null);
        }
    }

    @Test
    void aComputingAccessorIsCalled() {
        ComponentReader reader = ComponentReader.of(Shouting.class);
        Object[] columns = {new Object[1]};
        reader.readInto(new Shouting("ada"), columns, 0);
        assertThat(reader.get(new Shouting("ada"), 0)).isEqualTo("ADA");
        assertThat((Object[]) columns[0]).containsExactly("ADA");
    }

    @Test
    void aRecordOfAnotherClassIsRefusedByTheGeneratedCast() {
        ComponentReader reader = ComponentReader.of(Everything.class);
        assertThatThrownBy(() -> reader.get(new Shouting("x"), 0)).isInstanceOf(ClassCastException.class);
    }

    private static Everything everything() {
        return new Everything(7L, 3, 2.5, 1.5f, (short) 4, (byte) 5, true, 'x', "seven", LocalDate.of(2026, 12, 3), List.of("a", "b"));
    }

    private static Hidden hidden() {
        return new Hidden(7L, 3, 2.5, 1.5f, (short) 4, (byte) 5, true, 'x', "seven", LocalDate.of(2026, 12, 3), List.of("a", "b"));
    }
}
