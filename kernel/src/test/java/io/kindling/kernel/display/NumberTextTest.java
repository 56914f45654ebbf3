package io.kindling.kernel.display;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class NumberTextTest {

    @Test
    void largeAmountsArePlainWithTheirCents() {
        assertThat(NumberText.of(5.658655440073E10)).isEqualTo("56586554400.73");
        assertThat(NumberText.of(1.23456789E7)).isEqualTo("12345678.9");
        assertThat(NumberText.of(-2.5E9)).isEqualTo("-2500000000.0");
    }

    @Test
    void ordinaryValuesHaveAboutSixSignificantDigits() {
        assertThat(NumberText.of(Math.PI)).isEqualTo("3.14159");
        assertThat(NumberText.of(1234.56789)).isEqualTo("1234.57");
        assertThat(NumberText.of(1.0 / 3)).isEqualTo("0.333333");
        assertThat(NumberText.of(0.000123456789)).isEqualTo("0.000123457");
        assertThat(NumberText.of(5.25)).isEqualTo("5.25");
        assertThat(NumberText.of(3.0)).isEqualTo("3.0");
        assertThat(NumberText.of(0.0)).isEqualTo("0.0");
        assertThat(NumberText.of(0.1f)).isEqualTo("0.1");
    }

    @Test
    void extremeMagnitudesAndSpecialValues() {
        assertThat(NumberText.of(6.02214076E23)).isEqualTo("6.02214e+23");
        assertThat(NumberText.of(1.5E-9)).isEqualTo("1.50000e-09");
        assertThat(NumberText.of(Double.NaN)).isEqualTo("NaN");
        assertThat(NumberText.of(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    @Test
    void decimalsKeepTheirScaleInPlainNotation() {
        assertThat(NumberText.of(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(NumberText.of(new BigDecimal("12.50"))).isEqualTo("12.50");
        assertThat(NumberText.of(42L)).isEqualTo("42");
    }
}
