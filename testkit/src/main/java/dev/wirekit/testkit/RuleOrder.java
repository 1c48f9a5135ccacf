package dev.wirekit.testkit;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodDescriptor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;

/** Runs rule methods in rule-number order ({@code E-2} before {@code E-10}), so reports read in order. */
public final class RuleOrder implements MethodOrderer {
    private static final Pattern RULE = Pattern.compile("(?:required|optional)_([A-Z]+)(\\d+)(?:_(\\d+))?_");

    @Override
    public void orderMethods(MethodOrdererContext context) {
        context.getMethodDescriptors().sort(Comparator.comparing(RuleOrder::key));
    }

    private static String key(MethodDescriptor method) {
        return sortKey(method.getMethod().getName());
    }

    /** The key rule methods sort by: rule sections, then numbers as numbers; other methods last. */
    public static String sortKey(String methodName) {
        Matcher m = RULE.matcher(methodName);
        if (!m.lookingAt()) {
            return "~" + methodName;
        }
        int minor = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return String.format("%s%06d.%03d", m.group(1), Integer.parseInt(m.group(2)), minor);
    }
}
