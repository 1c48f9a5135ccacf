package dev.wirekit.scanner.internal;

import dev.wirekit.scanner.ServiceInfo;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a match table: when what a service said in answer to {@code evidence} matches
 * {@code pattern}, it is {@code service}, with product, version and info filled from the templates.
 *
 * @param evidence {@code greeting}, {@code http}, or {@code *} for both
 * @param service the service name
 * @param pattern the regular expression, matched against the bytes as ISO-8859-1 text
 * @param product template for the product ({@code $1}..{@code $9} insert groups), or null
 * @param version template for the version, or null
 * @param info template for the info, or null
 * @param line where the rule was written ({@code services-match.txt:12}), for messages
 */
public record MatchRule(
        String evidence, String service, Pattern pattern, String product, String version, String info, String line) {

    /** Whether the rule looks at answers to {@code kind}. */
    public boolean appliesTo(String kind) {
        return evidence.equals("*") || evidence.equals(kind);
    }

    /** The service described by this rule for a successful match. */
    public ServiceInfo describe(Matcher m, String kind) {
        return new ServiceInfo(service, fill(product, m), fill(version, m), fill(info, m), null, "probe", kind);
    }

    private static String fill(String template, Matcher m) {
        if (template == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '$' && i + 1 < template.length() && Character.isDigit(template.charAt(i + 1))) {
                int group = template.charAt(++i) - '0';
                if (group <= m.groupCount() && m.group(group) != null) {
                    out.append(Printable.escape(m.group(group)));
                }
            } else {
                out.append(c);
            }
        }
        String text = out.toString().trim().replaceAll("\\s{2,}", " ");
        return text.isEmpty() ? null : text;
    }
}
