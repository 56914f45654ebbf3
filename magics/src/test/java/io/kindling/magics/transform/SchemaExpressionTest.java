package io.kindling.magics.transform;

import io.kindling.magics.magic.MagicError;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaExpressionTest {
    private static final StructType INPUT = new StructType().add("a", "int").add("b", "string").add("c", "double");

    private static String resolve(String schema) {
        return SchemaExpression.resolve(schema, INPUT).simpleString();
    }

    @Test
    void explicitColumnsWithEveryType() {
        assertThat(resolve("a:int, b:str")).isEqualTo("struct<a:int,b:string>");
        assertThat(resolve("x:long,y:double,z:bool,d:date,t:datetime,bin:bytes,f:float,s:short,by:byte,m:decimal(10,2)"))
                .isEqualTo("struct<x:bigint,y:double,z:boolean,d:date,t:timestamp,bin:binary,f:float,s:smallint,by:tinyint,m:decimal(10,2)>");
        assertThat(resolve("tags:[str],stop:{name:str,km:double},counts:<str,long>"))
                .isEqualTo("struct<tags:array<string>,stop:struct<name:string,km:double>,counts:map<string,bigint>>");
        assertThat(resolve("`odd name`:int")).isEqualTo("struct<odd name:int>");
    }

    @Test
    void starKeepsTheInputAndAddsRemovesOrDropsIfPresent() {
        assertThat(resolve("*")).isEqualTo("struct<a:int,b:string,c:double>");
        assertThat(resolve("*,score:double")).isEqualTo("struct<a:int,b:string,c:double,score:double>");
        assertThat(resolve("*-b")).isEqualTo("struct<a:int,c:double>");
        assertThat(resolve("*-b,c")).isEqualTo("struct<a:int>");
        assertThat(resolve("*-b,score:double")).isEqualTo("struct<a:int,c:double,score:double>");
        assertThat(resolve("*~b,zz")).isEqualTo("struct<a:int,c:double>");
        assertThat(SchemaExpression.resolve("*", INPUT).fields()[0].dataType()).isEqualTo(DataTypes.IntegerType);
    }

    @Test
    void errorsNameThePosition() {
        assertThatThrownBy(() -> resolve("a:int,b:strng"))
                .isInstanceOfSatisfying(MagicError.class, e -> {
                    assertThat(e.errorName()).isEqualTo("BAD_SCHEMA");
                    assertThat(e.details()).containsExactly("  a:int,b:strng", "          ^");
                })
                .hasMessageStartingWith("schema \"a:int,b:strng\" at position 9: 'strng' is not a type");
        assertThatThrownBy(() -> resolve("a int")).hasMessageContaining("at position 3: expected ':' and a type after 'a'");
        assertThatThrownBy(() -> resolve("*-zz")).hasMessageContaining("at position 3: '*-zz' removes a column the input does not have");
        assertThatThrownBy(() -> resolve("a:int,a:str")).hasMessageContaining("at position 7: column 'a' appears twice");
        assertThatThrownBy(() -> resolve("a:[int")).hasMessageContaining("expected ']' closing the list type");
        assertThatThrownBy(() -> resolve(" ")).hasMessageContaining("the output schema is empty");
    }
}
