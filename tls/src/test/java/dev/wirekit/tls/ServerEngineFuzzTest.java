package dev.wirekit.tls;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wirekit.api.layer.LayerContext;
import dev.wirekit.testkit.pki.TestPki;
import dev.wirekit.tls.testing.Endpoint;
import dev.wirekit.tls.testing.Pki;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Arbitrary bytes from a client never escape the server engine as anything but a typed
 * {@link TlsException} (after which the engine ignores input: the connection is closed), and never
 * make it deliver plaintext or report an established handshake.
 */
class ServerEngineFuzzTest {
    private static final TlsLayer SERVER;

    static {
        TestPki pki = TestPki.create();
        SERVER = TlsLayer.server(TlsServerConfig.builder(Pki.keyMaterial(pki.localhost()))
                .clientAuth(ClientAuth.OPTIONAL)
                .clientTrust(Pki.trust(pki))
                .build());
    }

    @FuzzTest(maxDuration = "30s")
    void fuzzServerEngine(FuzzedDataProvider data) throws IOException {
        Endpoint server =
                new Endpoint(SERVER, LayerContext.Role.SERVER, Optional.empty(), Runnable::run, null, 443, 50000);
        server.engine.start();
        boolean failed = false;
        Sent sent = new Sent();
        while (data.remainingBytes() > 0) {
            byte[] chunk = data.consumeBytes(1 + data.consumeInt(0, 4096));
            try {
                server.engine.receive(ByteBuffer.wrap(chunk));
                sent.add(server.drainNetwork());
            } catch (TlsException e) {
                failed = true;
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a failure says what happened");
                boolean spokeBefore = sent.any;
                sent.add(server.drainNetwork());
                if (spokeBefore && !(e instanceof PeerAlertException)) {
                    // once the server has answered a ClientHello it knows the version: it says why
                    assertTrue(sent.lastType == 21, "the client is told why with an alert: " + e);
                }
            } catch (IOException | RuntimeException e) {
                fail("an untyped " + e.getClass().getName() + " escaped the engine", e);
            }
        }
        // random bytes cannot complete a handshake (that would take the client's key exchange and Finished)
        assertTrue(!server.isEstablished() && server.application.size() == 0, "no plaintext from noise");
        if (failed) {
            server.engine.receive(ByteBuffer.wrap(new byte[] {22, 3, 1, 0, 1, 0})); // ignored, never throws
        }
        server.engine.dispose();
    }

    /** What the server sent: whether anything, and the content type of its last record. */
    private static final class Sent {
        boolean any;
        int lastType = -1;

        void add(byte[] out) {
            int at = 0;
            while (at + 5 <= out.length) {
                any = true;
                lastType = out[at];
                at += 5 + (((out[at + 3] & 0xff) << 8) | (out[at + 4] & 0xff));
            }
        }
    }
}
