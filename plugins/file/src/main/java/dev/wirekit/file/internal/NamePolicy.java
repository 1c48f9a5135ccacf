package dev.wirekit.file.internal;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which file names a server serves: one path component that means the same file on every common
 * file system, so that no name can reach outside the served root or alias another name. A name is
 * refused when it
 *
 * <ul>
 *   <li>is empty, longer than {@value #MAX_NAME_BYTES} bytes of UTF-8, or not valid UTF-8 (it holds
 *       U+FFFD);
 *   <li>holds a control or formatting character (NUL, line breaks, bidirectional overrides), a path
 *       separator ('/', '\'), a character Windows reserves ({@code < > : " | ? *}), or a look-alike
 *       of a separator (fullwidth solidus, division slash...);
 *   <li>starts with '.' (which covers '.', '..' and hidden names, the server's work area among them),
 *       or starts or ends with white space, or ends with '.' (Windows drops those, so two names could
 *       mean one file);
 *   <li>reads differently after Unicode NFKC normalisation in any of these ways (a fullwidth '．．'
 *       is '..' to some systems);
 *   <li>looks URL-encoded ({@code %2F}): names travel as plain UTF-8 and are never decoded, so an
 *       encoded name is almost certainly an attempt to smuggle a separator past another layer;
 *   <li>is a device name Windows reserves, with or without an extension ({@code CON}, {@code nul.txt},
 *       {@code COM1}, {@code LPT9}...).
 * </ul>
 */
public final class NamePolicy {
    /** The longest name, in bytes of UTF-8: the limit of ext4, XFS, APFS and NTFS alike. */
    public static final int MAX_NAME_BYTES = 255;

    private static final String WINDOWS_RESERVED = "<>:\"|?*";
    private static final String SEPARATOR_LOOKALIKES = "\u2215\u2044\u29F8\u29F9\uFE68\uFF0F\uFF3C\u2216\u244A";
    private static final Pattern PERCENT_ENCODED = Pattern.compile("%[0-9A-Fa-f]{2}|%[uU][0-9A-Fa-f]{4}");
    private static final Set<String> DEVICES = Set.of(
            "CON",
            "PRN",
            "AUX",
            "NUL",
            "CONIN$",
            "CONOUT$",
            "CLOCK$",
            "COM0",
            "COM1",
            "COM2",
            "COM3",
            "COM4",
            "COM5",
            "COM6",
            "COM7",
            "COM8",
            "COM9",
            "COM\u00B9",
            "COM\u00B2",
            "COM\u00B3",
            "LPT0",
            "LPT1",
            "LPT2",
            "LPT3",
            "LPT4",
            "LPT5",
            "LPT6",
            "LPT7",
            "LPT8",
            "LPT9",
            "LPT\u00B9",
            "LPT\u00B2",
            "LPT\u00B3");

    private NamePolicy() {}

    /** Why {@code name} is refused, for the user; null when it is acceptable. */
    public static String problem(String name) {
        if (name.isEmpty()) {
            return "the name is empty";
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            return "the name is " + bytes + " bytes long; at most " + MAX_NAME_BYTES + " bytes of UTF-8 are allowed";
        }
        String problem = characters(name);
        if (problem != null) {
            return problem;
        }
        problem = shape(name);
        if (problem != null) {
            return problem;
        }
        String normalized = Normalizer.normalize(name, Normalizer.Form.NFKC);
        if (!normalized.equals(name)) {
            String after = characters(normalized);
            if (after == null) {
                after = shape(normalized);
            }
            if (after != null) {
                return "after Unicode NFKC normalisation (to '" + printable(normalized) + "') " + after;
            }
        }
        if (PERCENT_ENCODED.matcher(name).find()) {
            return "the name looks URL-encoded ('%XX' or '%uXXXX'); send names as plain UTF-8, never encoded";
        }
        String device = device(name);
        if (device == null) {
            device = device(normalized);
        }
        if (device != null) {
            return "'" + device + "' is a device name reserved by Windows";
        }
        return null;
    }

    /** Whether {@code name} is acceptable. */
    public static boolean allowed(String name) {
        return problem(name) == null;
    }

    private static String characters(String name) {
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '/' || cp == '\\') {
                return "the name contains a path separator ('" + (char) cp + "'); only plain file names are served";
            }
            if (cp == 0xFFFD) {
                return "the name is not valid UTF-8 (or holds U+FFFD)";
            }
            int type = Character.getType(cp);
            if (type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SURROGATE) {
                return "the name contains the control or formatting character " + codePoint(cp);
            }
            if (WINDOWS_RESERVED.indexOf(cp) >= 0) {
                return "the name contains '" + (char) cp + "', which Windows reserves";
            }
            if (SEPARATOR_LOOKALIKES.indexOf(cp) >= 0) {
                return "the name contains " + codePoint(cp) + ", which looks like a path separator";
            }
        }
        return null;
    }

    private static String shape(String name) {
        if (name.charAt(0) == '.') {
            return "the name starts with '.' ('.', '..' and hidden names are not served)";
        }
        if (Character.isWhitespace(name.codePointAt(0)) || Character.isSpaceChar(name.codePointAt(0))) {
            return "the name starts with white space";
        }
        int last = name.codePointBefore(name.length());
        if (Character.isWhitespace(last) || Character.isSpaceChar(last)) {
            return "the name ends with white space";
        }
        if (last == '.') {
            return "the name ends with '.', which Windows drops";
        }
        return null;
    }

    private static String device(String name) {
        int dot = name.indexOf('.');
        String base = (dot < 0 ? name : name.substring(0, dot)).strip().toUpperCase(Locale.ROOT);
        return DEVICES.contains(base) ? base : null;
    }

    private static String codePoint(int cp) {
        return String.format(Locale.ROOT, "U+%04X", cp);
    }

    /** {@code name} with control characters shown as U+XXXX, safe for a log line or a message. */
    public static String printable(String name) {
        StringBuilder sb = new StringBuilder(Math.min(name.length(), 300));
        for (int i = 0; i < name.length() && sb.length() < 300; ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SURROGATE) {
                sb.append(codePoint(cp));
            } else {
                sb.appendCodePoint(cp);
            }
        }
        if (sb.length() >= 300) {
            sb.append("...");
        }
        return sb.toString();
    }
}
