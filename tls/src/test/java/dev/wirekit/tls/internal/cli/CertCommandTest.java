package dev.wirekit.tls.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.spi.CommandContext;
import dev.wirekit.spi.CommandProvider;
import dev.wirekit.spi.CommandSpec;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.tls.KeyMaterial;
import dev.wirekit.tls.Trust;
import dev.wirekit.tls.internal.trust.HostnameMatcher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wirekit cert create|show}, run through its {@link CommandSpec} the way the CLI runs it. */
class CertCommandTest {
    @TempDir
    Path dir;

    /** A CommandContext for local commands: parsed values and captured output. */
    static final class Context implements CommandContext {
        final OptionValues values;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        Context(CommandSpec spec, Map<String, ?> raw) {
            values = OptionValues.parse(spec.options(), raw);
        }

        String outText() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String errText() {
            return err.toString(StandardCharsets.UTF_8);
        }

        @Override
        public OptionValues values() {
            return values;
        }

        @Override
        public Transport transport() {
            throw new UnsupportedOperationException("a local command needs no transport");
        }

        @Override
        public TransportOptions clientOptions() {
            return TransportOptions.defaults();
        }

        @Override
        public TransportOptions datagramClientOptions() {
            return TransportOptions.defaults();
        }

        @Override
        public InputStream in() {
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public PrintStream out() {
            return new PrintStream(out, true, StandardCharsets.UTF_8);
        }

        @Override
        public PrintStream err() {
            return new PrintStream(err, true, StandardCharsets.UTF_8);
        }

        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public String readLine(String prompt) {
            return null;
        }
    }

    private static CommandSpec sub(String name) {
        CommandSpec cert = new CertCommandProvider().command();
        assertEquals("cert", cert.name());
        assertTrue(!cert.network(), "a local command: no transport or TLS options");
        return cert.subcommands().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private int run(String command, Context context) throws Exception {
        return sub(command).action().run(context);
    }

    @Test
    void createWritesAUsableSelfSignedCertificate() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Map<String, Object> raw = new HashMap<>();
        raw.put("out", cert.toString());
        raw.put("key-out", key.toString());
        raw.put("cn", "api.example");
        raw.put("san", List.of("DNS:api.example", "10.1.2.3", "*.api.example"));
        raw.put("days", "30");
        Context c = new Context(sub("create"), raw);
        assertEquals(0, run("create", c), c.errText());
        KeyMaterial m = KeyMaterial.pem(cert, key);
        X509Certificate x = m.current().certificate();
        assertTrue(HostnameMatcher.matches("api.example", x));
        assertTrue(HostnameMatcher.matches("10.1.2.3", x));
        assertTrue(HostnameMatcher.matches("v1.api.example", x));
        assertEquals(
                "ec-p256",
                sub("create").options().stream()
                        .filter(o -> o.name().equals("key-type"))
                        .findFirst()
                        .orElseThrow()
                        .defaultValue());
        long days = (x.getNotAfter().getTime() - x.getNotBefore().getTime()) / 86_400_000L;
        assertEquals(30, days);
        assertTrue(c.outText().contains("fingerprint: sha256:"), c.outText());
        // trusted as itself, as the pin printed says
        String pin = c.outText().replaceAll("(?s).*fingerprint: (sha256:[0-9A-F:]+).*", "$1");
        assertEquals(
                Trust.Outcome.PINNED,
                Trust.pinned(pin).verify(m.certificateChain(), Trust.PeerRole.SERVER, Instant.now()));
        // refuses to overwrite without --force
        Context again = new Context(sub("create"), raw);
        assertEquals(1, run("create", again));
        assertTrue(again.errText().contains("use --force"), again.errText());
        raw.put("force", "true");
        assertEquals(0, run("create", new Context(sub("create"), raw)));
    }

    @Test
    void aCaAndALeafItSigns() throws Exception {
        Map<String, Object> ca = new HashMap<>(Map.of(
                "out", dir.resolve("ca.pem").toString(),
                "key-out", dir.resolve("ca.key").toString(),
                "cn", "Test CA",
                "ca", "true",
                "key-type", "ec-p384"));
        assertEquals(0, run("create", new Context(sub("create"), ca)));
        Map<String, Object> leaf = new HashMap<>(Map.of(
                "out", dir.resolve("leaf.pem").toString(),
                "key-out", dir.resolve("leaf.key").toString(),
                "cn", "localhost",
                "issuer-cert", dir.resolve("ca.pem").toString(),
                "issuer-key", dir.resolve("ca.key").toString(),
                "key-type", "rsa-2048"));
        Context c = new Context(sub("create"), leaf);
        assertEquals(0, run("create", c), c.errText());
        KeyMaterial m = KeyMaterial.pem(dir.resolve("leaf.pem"), dir.resolve("leaf.key"));
        assertEquals(2, m.certificateChain().size(), "leaf and its CA");
        assertTrue(HostnameMatcher.matches("127.0.0.1", m.current().certificate()), "localhost gets loopback too");
        Trust trust = Trust.pem(dir.resolve("ca.pem"));
        assertEquals(
                Trust.Outcome.CHAIN_VERIFIED, trust.verify(m.certificateChain(), Trust.PeerRole.SERVER, Instant.now()));
        // a leaf cannot sign
        Map<String, Object> bad = new HashMap<>(leaf);
        bad.put("issuer-cert", dir.resolve("leaf.pem").toString());
        bad.put("issuer-key", dir.resolve("leaf.key").toString());
        bad.put("out", dir.resolve("x.pem").toString());
        bad.put("key-out", dir.resolve("x.key").toString());
        Context refused = new Context(sub("create"), bad);
        assertEquals(2, run("create", refused));
        assertTrue(refused.errText().contains("not a CA certificate"), refused.errText());
    }

    @Test
    void showPrintsNamesDatesAndThePin() throws Exception {
        Map<String, Object> raw = new HashMap<>(Map.of(
                "out",
                dir.resolve("c.pem").toString(),
                "key-out",
                dir.resolve("k.pem").toString()));
        assertEquals(0, run("create", new Context(sub("create"), raw)));
        Context show =
                new Context(sub("show"), Map.of("file", dir.resolve("c.pem").toString()));
        assertEquals(0, run("show", show));
        assertTrue(
                show.outText().contains("names:       DNS:localhost, IP:127.0.0.1, IP:0:0:0:0:0:0:0:1"),
                show.outText());
        assertTrue(show.outText().contains("(self-signed)"), show.outText());
        Context missing =
                new Context(sub("show"), Map.of("file", dir.resolve("none.pem").toString()));
        assertEquals(1, run("show", missing));
        assertTrue(missing.errText().contains("none.pem"), missing.errText());
        assertTrue(Files.exists(dir.resolve("k.pem")));
    }

    @Test
    void foundThroughServiceLoader() {
        assertTrue(ServiceLoader.load(CommandProvider.class).stream()
                .anyMatch(p -> p.type() == CertCommandProvider.class));
    }
}
