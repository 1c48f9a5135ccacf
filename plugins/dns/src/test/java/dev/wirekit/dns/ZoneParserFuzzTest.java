package dev.wirekit.dns;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wirekit.dns.internal.ResolvConf;

/** Fuzz targets for the text parsers: master files and resolv.conf. */
class ZoneParserFuzzTest {
    private static final DnsName ORIGIN = DnsName.of("example.test");

    /** Any text: a zone, or a {@link ZoneFileException}; nothing else. */
    @FuzzTest
    void masterFile(byte[] data) {
        String text = new String(data, java.nio.charset.StandardCharsets.UTF_8);
        try {
            Zone z = Zone.parse(text, ORIGIN);
            z.records().forEach(r -> r.data().toString());
        } catch (ZoneFileException expected) {
            // a clear error is the right answer to bad text
        }
    }

    /** Any text: resolv.conf parsing never fails, and always yields a server. */
    @FuzzTest
    void resolvConf(byte[] data) {
        ResolvConf c = ResolvConf.parse(new String(data, java.nio.charset.StandardCharsets.ISO_8859_1));
        if (c.servers().isEmpty() || c.attempts() < 1 || c.timeout().isNegative()) {
            throw new AssertionError("bad resolv.conf result: " + c);
        }
    }
}
