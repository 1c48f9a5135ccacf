package dev.wirekit.calc;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Whatever text arrives, the calculator answers with a value or a CalcException, nothing else. */
class CalculatorFuzzTest {
    @FuzzTest
    void onlyCalcExceptionsEscape(String expression) {
        if (expression == null) {
            return; // a null argument is a programming error, not input
        }
        try {
            Calculator.format(Calculator.evaluate(expression));
        } catch (CalcException expected) {
            // a clear error for the user
        }
    }
}
