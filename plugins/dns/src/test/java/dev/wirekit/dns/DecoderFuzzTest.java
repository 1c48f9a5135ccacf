package dev.wirekit.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wirekit.dns.internal.NetworkList;
import dev.wirekit.dns.internal.QueryHandler;
import dev.wirekit.dns.internal.ServerCounters;
import dev.wirekit.dns.internal.ZoneIndex;
import dev.wirekit.dns.support.TestZones;
import java.net.InetAddress;

/**
 * Fuzz targets for the decoder and for the server's handling of whatever decodes. Without
 * {@code JAZZER_FUZZ=1} they replay the inputs under {@code DecoderFuzzTestInputs/} only; crash
 * inputs found while fuzzing are kept there as regression inputs.
 */
class DecoderFuzzTest {
    private static final QueryHandler HANDLER =
            new QueryHandler(new ZoneIndex(TestZones.all()), null, NetworkList.loopback(), 1232, new ServerCounters());

    /** Any bytes: a message that re-encodes to itself, or a {@link DnsFormatException}; nothing else. */
    @FuzzTest
    void decoder(byte[] data) {
        DnsMessage m;
        try {
            m = DnsMessage.decode(data);
        } catch (DnsFormatException expected) {
            assertNotNull(expected.getMessage());
            return;
        }
        byte[] again;
        try {
            again = m.toByteArray();
        } catch (IllegalArgumentException tooBig) {
            // the input's compression can beat ours (pointers into opaque data): it may not fit again
            return;
        }
        assertEquals(m, DnsMessage.decode(again), "a decoded message re-encodes to itself");
        try {
            assertTrue(m.truncate(512).encodedSize() <= 512);
        } catch (IllegalArgumentException questionsTooBig) {
            // documented: the questions alone exceed 512 bytes
        }
    }

    /** Any bytes that decode get a response (or a deliberate silence) that encodes, never an exception. */
    @FuzzTest
    void serverAnswersAnything(byte[] data) {
        DnsMessage query;
        try {
            query = DnsMessage.decode(data);
        } catch (DnsFormatException e) {
            DnsMessage formerr = HANDLER.formatError(e);
            if (formerr != null) {
                assertEquals(ResponseCode.FORMERR, formerr.rcode());
                assertTrue(formerr.encodedSize() <= 512);
            }
            return;
        }
        QueryHandler.Response handled = HANDLER.handle(query, InetAddress.getLoopbackAddress(), 512);
        DnsMessage response = handled == null ? null : handled.message();
        if (response != null) {
            assertEquals(query.id(), response.id());
            assertTrue(response.response());
            assertTrue(response.encodedSize() <= 512);
        }
    }
}
