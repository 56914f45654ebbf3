package io.kindling.magics.transform;

import io.kindling.magics.magic.MagicError;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.kindling.magics.transform.Transforms.algo;
import static io.kindling.magics.transform.Transforms.asLocal;
import static io.kindling.magics.transform.Transforms.num;
import static io.kindling.magics.transform.Transforms.partitionBy;
import static io.kindling.magics.transform.Transforms.presort;
import static io.kindling.magics.transform.Transforms.saveTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionSpecTest {
    @Test
    void presortReadsDirectionsAndNamesThePositionOfAMistake() {
        assertThat(SortKey.parse("b desc, c")).containsExactly(new SortKey("b", false), new SortKey("c", true));
        assertThat(SortKey.parse(" day ASC ")).containsExactly(new SortKey("day", true));
        assertThatThrownBy(() -> SortKey.parse("b down"))
                .isInstanceOfSatisfying(MagicError.class, e -> assertThat(e.errorName()).isEqualTo("BAD_PARTITION_SPEC"))
                .hasMessage("presort(\"b down\") at position 3: 'down' is neither asc nor desc");
        assertThatThrownBy(() -> SortKey.parse("b,,c")).hasMessageContaining("at position 3: expected 'column'");
    }

    @Test
    void numEvaluatesRowcountAndConcurrencyArithmetic() {
        assertThat(NumExpression.parse("ROWCOUNT/1000").evaluate(250_000, 8)).isEqualTo(250);
        assertThat(NumExpression.parse("CONCURRENCY*2").evaluate(0, 8)).isEqualTo(16);
        assertThat(NumExpression.parse("(rowcount + 9) / 10 - 1").evaluate(91, 1)).isEqualTo(9);
        assertThat(NumExpression.parse("ROWCOUNT/1000").evaluate(10, 8)).as("at least one partition").isEqualTo(1);
        assertThat(NumExpression.parse("ROWCOUNT").needsRowCount()).isTrue();
        assertThat(NumExpression.parse("CONCURRENCY").needsRowCount()).isFalse();
        assertThatThrownBy(() -> NumExpression.parse("ROWCOUNT/"))
                .hasMessage("num(\"ROWCOUNT/\") at position 10: expected a number, ROWCOUNT or CONCURRENCY");
        assertThatThrownBy(() -> NumExpression.parse("ROWS*2")).hasMessageContaining("at position 1");
        assertThatThrownBy(() -> NumExpression.parse("4/0")).hasMessageContaining("division by zero");
        assertThatThrownBy(() -> num(0)).hasMessageContaining("at least 1 partition");
    }

    @Test
    void optionsCombineIntoOneSpecCheckedAgainstTheInput() {
        CallOptions options = CallOptions.of(partitionBy("region", "day"), presort("km desc"), num("CONCURRENCY"), algo("even"));
        PartitionSpec spec = options.partition();
        assertThat(spec.keys()).containsExactly("region", "day");
        assertThat(spec.algorithm()).isEqualTo(PartitionAlgorithm.EVEN);
        assertThat(spec.sortWithinPartitions()).containsExactly(new SortKey("region", true), new SortKey("day", true),
                new SortKey("km", false));
        assertThat(spec.perGroup()).isTrue();
        assertThat(CallOptions.of(partitionBy("region"), algo("coarse")).partition().perGroup()).isFalse();
        assertThat(CallOptions.of().partition()).isEqualTo(new PartitionSpec(List.of(), List.of(), Optional.empty(), PartitionAlgorithm.HASH));

        StructType input = new StructType().add("region", "string").add("km", "double");
        assertThatThrownBy(() -> spec.validate(input)).hasMessageContaining("partitionBy(\"day\"): the input has no column 'day'");
        assertThatThrownBy(() -> algo("round")).hasMessageContaining("the algorithms are hash, rand, even and coarse");
        assertThatThrownBy(() -> CallOptions.of(num(2), num(3))).hasMessageContaining("is given twice");
        assertThatThrownBy(() -> CallOptions.of(asLocal(), saveTo("file:///tmp/x"))).hasMessageContaining("give one");
    }
}
