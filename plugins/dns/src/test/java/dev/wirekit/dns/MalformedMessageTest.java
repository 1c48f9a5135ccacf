package dev.wirekit.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.dns.support.MalformedCorpus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The malformed-message corpus against the decoder: a typed error, quickly, never a crash or a hang. */
class MalformedMessageTest {

    static List<MalformedCorpus.Case> corpus() {
        return MalformedCorpus.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedWithAFormatError(MalformedCorpus.Case c) {
        DnsFormatException e = assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> assertThrows(DnsFormatException.class, () -> DnsMessage.decode(c.bytes())));
        assertTrue(
                e.getMessage().contains(c.expected()),
                "expected the error to mention '" + c.expected() + "': " + e.getMessage());
        assertEquals(
                c.headerReadable(), e.messageId().isPresent(), "the header's ID is known exactly when it was read");
        if (c.headerReadable()) {
            assertEquals(0xBEEF, e.messageId().getAsInt());
        }
        assertTrue(e.isRecoverable(), "the frame around a malformed message is intact");
    }
}
