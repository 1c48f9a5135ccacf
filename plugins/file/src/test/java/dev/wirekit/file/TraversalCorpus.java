package dev.wirekit.file;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Names that try to reach outside a served root, or to alias a file in it: over a hundred of them,
 * from the classic ({@code ../etc/passwd}) through encodings (URL, double URL, IIS %u, overlong
 * UTF-8, fullwidth and other look-alike Unicode), separators of every kind, NUL and other control
 * characters, over-long names, and Windows device names and name quirks. Symbolic links are added
 * by the test that uses it, since they live in the file system.
 */
final class TraversalCorpus {
    private TraversalCorpus() {}

    /** A payload: how it reads in a report, and the exact bytes sent as the name. */
    record Payload(String label, byte[] name) {
        static Payload text(String name) {
            return new Payload(HandProtocol.printable(name), name.getBytes(StandardCharsets.UTF_8));
        }

        static Payload bytes(String label, int... bytes) {
            byte[] b = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                b[i] = (byte) bytes[i];
            }
            return new Payload(label, b);
        }
    }

    static List<Payload> payloads() {
        List<Payload> all = new ArrayList<>();
        for (String s : List.of(
                // classic relative and absolute paths
                "..",
                ".",
                "",
                "../secret.txt",
                "../outside/secret.txt",
                "../../../../../../../../etc/passwd",
                "../../../../../../../../etc/passwd\u0000.txt",
                "/etc/passwd",
                "/",
                "//etc/passwd",
                "/./etc/passwd",
                "./plain.txt",
                "x/../plain.txt",
                "x/../../secret.txt",
                "plain.txt/..",
                "....//....//etc/passwd",
                "..../",
                "...",
                "....",
                ".../...",
                "sub/file",
                "a//b",
                "a/./b",
                "trailing/",
                "~/.ssh/id_rsa",
                "~root/.bashrc",
                "$HOME/.profile",
                // backslashes and Windows paths
                "..\\secret.txt",
                "..\\..\\..\\windows\\win.ini",
                "\\etc\\passwd",
                "\\",
                "C:\\Windows\\win.ini",
                "C:/Windows/win.ini",
                "C:",
                "C:secret.txt",
                "\\\\server\\share\\x",
                "//server/share/x",
                "\\\\?\\C:\\secret.txt",
                "\\\\.\\PhysicalDrive0",
                "file:///etc/passwd",
                "..;/secret.txt",
                // URL and other encodings (names are never decoded: an encoded one is refused)
                "%2e%2e%2fsecret.txt",
                "%2E%2E%2Fsecret.txt",
                "..%2fsecret.txt",
                "%2e%2e/secret.txt",
                "%2e%2e%5csecret.txt",
                "..%5csecret.txt",
                "%252e%252e%252fsecret.txt",
                "..%252fsecret.txt",
                "..%c0%afsecret.txt",
                "..%c1%9csecret.txt",
                "%c0%ae%c0%ae/secret.txt",
                "%uff0e%uff0e%u2215secret.txt",
                "..%u2215secret.txt",
                "%00",
                "plain.txt%00.jpg",
                // Unicode look-alikes and normalisation tricks
                "\uFF0E\uFF0E\uFF0Fsecret.txt",
                "\uFF0E\uFF0E",
                "..\uFF0Fsecret.txt",
                "..\uFF3Csecret.txt",
                "\u2215etc\u2215passwd",
                "..\u2215secret.txt",
                "..\u2044secret.txt",
                "..\u29F8secret.txt",
                "..\uFE68secret.txt",
                "..\u2216secret.txt",
                "\u2025",
                "\u2025/secret.txt",
                "\u2026",
                "\uFE52\uFE52",
                ".\u0338",
                "\u200B..",
                "\u200B../secret.txt",
                "\uFEFF..",
                "\u202Etxt.exe",
                "a\u2028b",
                "a\u2029b",
                "\uD800x",
                "\uFFFD",
                // NUL and other control characters
                "\u0000",
                "plain.txt\u0000",
                "\u0000../secret.txt",
                "x\u0000/../../secret.txt",
                "secret.txt\u0000.png",
                "a\nb",
                "a\rb",
                "\n",
                "a\tb",
                "\u001B[31mred",
                "a\u007Fb",
                "a\u0085b",
                "a\u009Bb",
                // hidden names and the work area
                ".hidden",
                ".wirekit",
                ".wirekit/uploads/x.part",
                ".wirekit\\uploads",
                ".ssh",
                // Windows device names and name quirks
                "CON",
                "con",
                "PRN",
                "AUX",
                "NUL",
                "nul.txt",
                "NUL.tar.gz",
                "COM1",
                "com9.log",
                "COM\u00B9",
                "LPT1",
                "lpt9.txt",
                "LPT\u00B2",
                "CON .txt",
                "CONIN$",
                "CONOUT$",
                "CLOCK$",
                "plain.txt.",
                "plain.txt ",
                " plain.txt",
                "plain.txt::$DATA",
                "plain.txt:stream",
                "a<b",
                "a>b",
                "a|b",
                "a?b",
                "a*b",
                "a\"b",
                // too long
                "a".repeat(256),
                "\u00E9".repeat(128),
                "\uD83D\uDE00".repeat(64),
                "../".repeat(100) + "etc/passwd",
                "x".repeat(5000))) {
            all.add(Payload.text(s));
        }
        // bytes that are not UTF-8: overlong encodings of '.', '/' and '\', lone continuation bytes
        all.add(Payload.bytes("overlong '../' (C0 AE C0 AE C0 AF)", 0xC0, 0xAE, 0xC0, 0xAE, 0xC0, 0xAF));
        all.add(Payload.bytes("overlong '..' (C0 AE C0 AE)", 0xC0, 0xAE, 0xC0, 0xAE));
        all.add(Payload.bytes("overlong '.' 3 bytes (E0 80 AE E0 80 AE)", 0xE0, 0x80, 0xAE, 0xE0, 0x80, 0xAE));
        all.add(Payload.bytes("overlong '/' 4 bytes (F0 80 80 AF)", '.', '.', 0xF0, 0x80, 0x80, 0xAF, 'x'));
        all.add(Payload.bytes("overlong '\\' (C1 9C)", '.', '.', 0xC1, 0x9C, 'x'));
        all.add(Payload.bytes("lone continuation byte (80)", 0x80));
        all.add(Payload.bytes("truncated sequence (E2 88)", 'a', 0xE2, 0x88));
        all.add(Payload.bytes("byte FF", 0xFF, 'x'));
        all.add(Payload.bytes("CESU surrogate (ED A0 80)", 0xED, 0xA0, 0x80));
        all.add(Payload.bytes("NUL in the middle (70 00 2E 2E)", 'p', 0x00, '.', '.'));
        return all;
    }
}
