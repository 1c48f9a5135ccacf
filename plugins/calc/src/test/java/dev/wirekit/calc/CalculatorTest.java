package dev.wirekit.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.testkit.property.Generators;
import dev.wirekit.testkit.property.Property;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The calculator's arithmetic and its error messages. */
class CalculatorTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "5 + 3 | 8",
                "5+3 | 8",
                "  10 - 4 - 3 | 3",
                "2 * 3 + 4 | 10",
                "2 * (3 + 4) | 14",
                "7 / 2 | 3.5",
                "1 / 3 | 0.3333333333333333",
                "2 / 3 | 0.6666666666666667",
                "0.00000001 * 1 | 1E-8",
                "0.000001 * 1 | 0.000001",
                "0.1 + 0.2 | 0.3",
                "-2 ^ 2 | 4",
                "2 ^ 3 ^ 2 | 512",
                "2 ^ -2 | 0.25",
                "7 % 3 | 1",
                "-7 % 3 | -1",
                "1E+100 % 7 | 4",
                "12345678901234567890123456789012345678901234567890 % 97 | 16",
                "--5 | 5",
                "1e3 + 1 | 1001",
                "6 × 7 | 42",
                "84 ÷ 2 | 42",
                "((((1)))) | 1",
                "10 ^ 40 | 1E+40",
                "123456789 * 1000 | 123456789000",
            })
    void evaluates(String expression, String expected) {
        assertEquals(expected, CalcService.answer(expression));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1 / 0 | ERROR: division by zero",
                "5 % 0 | ERROR: division by zero (in %)",
                "0 ^ -1 | ERROR: division by zero (0 to a negative power)",
                "'' | ERROR: empty expression",
                "5 + | ERROR: expected a number at position 4, found end of input",
                "5 + x | ERROR: expected a number at position 5, found 'x'",
                "(1 + 2 | ERROR: expected ')' (to close the '(' at position 1) at position 7, found end of input",
                "1 2 | ERROR: expected an operator at position 3, found '2'",
                "2 ^ 0.5 | ERROR: the exponent must be a whole number between -9999 and 9999, not 0.5",
                "2 ^ 10000 | ERROR: the exponent 10000 is larger than 9999",
                "1.2.3 | ERROR: '1.2.3' is not a number (at position 1)",
            })
    void explainsErrors(String expression, String expected) {
        assertEquals(expected, CalcService.answer(expression));
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        CalcException e = assertThrows(CalcException.class, () -> Calculator.evaluate("(".repeat(10_000) + "1"));
        assertTrue(e.getMessage().contains("nests deeper"), e.getMessage());
        assertThrows(CalcException.class, () -> Calculator.evaluate("-".repeat(10_000) + "1"));
    }

    @Test
    void hugeResultsAreRefusedNotComputedForever() {
        CalcException e = assertThrows(CalcException.class, () -> Calculator.evaluate("9999 ^ 9999 ^ 9999"));
        assertTrue(e.getMessage().contains("exponent") || e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void integerArithmeticMatchesBigInteger() {
        Property.named("a op b == BigInteger reference")
                .trials(500)
                .check(Generators.lists(Generators.ints(-1_000_000, 1_000_000), 3), operands -> {
                    if (operands.size() < 2) {
                        return;
                    }
                    BigInteger a = BigInteger.valueOf(operands.get(0));
                    BigInteger b = BigInteger.valueOf(operands.get(1));
                    assertEquals(a.add(b).toString(), CalcService.answer(a + " + " + b));
                    assertEquals(a.subtract(b).toString(), CalcService.answer(a + " - (" + b + ")"));
                    assertEquals(a.multiply(b).toString(), CalcService.answer(a + "*" + b));
                });
    }
}
