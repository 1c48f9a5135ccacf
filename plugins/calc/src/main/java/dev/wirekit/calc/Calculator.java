package dev.wirekit.calc;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Evaluates arithmetic: {@code 5 + 3}, {@code -2.5 * (4 - 1) ^ 2}, {@code 7 % 3}. Numbers are exact
 * decimals (34 significant digits), so {@code 0.1 + 0.2} is {@code 0.3}. Operators, by precedence:
 * unary {@code + -}; {@code ^} (right-associative, whole exponents up to 9999); {@code * / %};
 * {@code + -}. Parentheses nest up to 64 deep.
 *
 * <p>Every error is a {@link CalcException} whose message names what was expected and where, such
 * as {@code "expected a number at position 5, found end of input"}; nothing else escapes, whatever
 * the input.
 */
public final class Calculator {
    private static final MathContext CONTEXT = MathContext.DECIMAL128;
    private static final int MAX_DEPTH = 64;
    private static final int MAX_EXPONENT = 9999;
    private static final int MAX_SCALE = 10_000;

    private final String text;
    private int at;
    private int depth;

    private Calculator(String text) {
        this.text = text;
    }

    /** The value of {@code expression}. */
    public static BigDecimal evaluate(String expression) {
        Calculator c = new Calculator(expression);
        c.skipSpaces();
        if (c.at == c.text.length()) {
            throw new CalcException("empty expression", 0);
        }
        try {
            BigDecimal value = c.expression();
            c.skipSpaces();
            if (c.at < c.text.length()) {
                throw c.error("an operator");
            }
            return value;
        } catch (ArithmeticException e) {
            // A safety net: every known case is checked above, but no arithmetic error may escape.
            throw new CalcException("cannot compute this: " + e.getMessage(), c.at + 1);
        }
    }

    /**
     * How the service prints a value: rounded to 16 significant digits, without trailing zeros, in
     * plain digits unless it is very large or very small (then {@code 1E+40}).
     */
    public static String format(BigDecimal value) {
        BigDecimal v = value.round(MathContext.DECIMAL64).stripTrailingZeros();
        int magnitude = v.precision() - v.scale(); // digits before the decimal point
        if (v.signum() != 0 && (magnitude > 21 || magnitude < -6)) {
            return v.toString();
        }
        return v.toPlainString();
    }

    private BigDecimal expression() {
        BigDecimal value = term();
        while (true) {
            skipSpaces();
            if (accept('+')) {
                value = value.add(term(), CONTEXT);
            } else if (accept('-')) {
                value = value.subtract(term(), CONTEXT);
            } else {
                return value;
            }
        }
    }

    private BigDecimal term() {
        BigDecimal value = power();
        while (true) {
            skipSpaces();
            int opAt = at;
            if (accept('*') || accept('×')) {
                value = value.multiply(power(), CONTEXT);
            } else if (accept('/') || accept('÷')) {
                BigDecimal divisor = power();
                if (divisor.signum() == 0) {
                    throw new CalcException("division by zero", opAt + 1);
                }
                value = value.divide(divisor, CONTEXT);
            } else if (accept('%')) {
                BigDecimal divisor = power();
                if (divisor.signum() == 0) {
                    throw new CalcException("division by zero (in %)", opAt + 1);
                }
                // Exact, then rounded: with a MathContext, remainder fails on large quotients.
                value = value.remainder(divisor).round(CONTEXT);
            } else {
                return value;
            }
            checkScale(value, opAt);
        }
    }

    private BigDecimal power() {
        BigDecimal base = unary();
        skipSpaces();
        int opAt = at;
        if (!accept('^')) {
            return base;
        }
        BigDecimal exponent = nested(this::power);
        int n;
        try {
            n = exponent.intValueExact();
        } catch (ArithmeticException e) {
            throw new CalcException(
                    "the exponent must be a whole number between -" + MAX_EXPONENT + " and " + MAX_EXPONENT + ", not "
                            + format(exponent),
                    opAt + 1);
        }
        if (Math.abs(n) > MAX_EXPONENT) {
            throw new CalcException("the exponent " + n + " is larger than " + MAX_EXPONENT, opAt + 1);
        }
        if (base.signum() == 0 && n < 0) {
            throw new CalcException("division by zero (0 to a negative power)", opAt + 1);
        }
        BigDecimal result = base.pow(n, CONTEXT);
        checkScale(result, opAt);
        return result;
    }

    private BigDecimal unary() {
        skipSpaces();
        if (accept('-')) {
            return nested(this::unary).negate();
        }
        if (accept('+')) {
            return nested(this::unary);
        }
        return primary();
    }

    private BigDecimal primary() {
        skipSpaces();
        int start = at;
        if (accept('(')) {
            BigDecimal value = nested(this::expression);
            skipSpaces();
            if (!accept(')')) {
                throw error("')' (to close the '(' at position " + (start + 1) + ")");
            }
            return value;
        }
        return number();
    }

    private BigDecimal number() {
        int start = at;
        while (at < text.length() && (isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
            at++;
        }
        if (at < text.length() && start < at && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            int mark = at++;
            if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                at++;
            }
            if (at >= text.length() || !isDigit(text.charAt(at))) {
                at = mark; // not an exponent after all
            }
            while (at < text.length() && isDigit(text.charAt(at))) {
                at++;
            }
        }
        if (start == at) {
            at = start;
            throw error("a number");
        }
        String literal = text.substring(start, at);
        try {
            BigDecimal value = new BigDecimal(literal);
            checkScale(value, start);
            return value;
        } catch (NumberFormatException e) {
            throw new CalcException("'" + literal + "' is not a number (at position " + (start + 1) + ")", start + 1);
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private BigDecimal nested(java.util.function.Supplier<BigDecimal> inner) {
        if (++depth > MAX_DEPTH) {
            throw new CalcException("the expression nests deeper than " + MAX_DEPTH + " levels", at + 1);
        }
        try {
            return inner.get();
        } finally {
            depth--;
        }
    }

    private void checkScale(BigDecimal value, int position) {
        if (Math.abs((long) value.scale()) > MAX_SCALE || value.precision() - (long) value.scale() > MAX_SCALE) {
            throw new CalcException("the result is too large or too small to compute", position + 1);
        }
    }

    private boolean accept(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private CalcException error(String expected) {
        String found = at >= text.length() ? "end of input" : "'" + text.charAt(at) + "'";
        return new CalcException("expected " + expected + " at position " + (at + 1) + ", found " + found, at + 1);
    }
}
