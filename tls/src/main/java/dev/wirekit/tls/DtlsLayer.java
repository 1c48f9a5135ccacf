package dev.wirekit.tls;

import dev.wirekit.api.layer.Layer;
import dev.wirekit.api.layer.LayerContext;
import dev.wirekit.api.layer.LayerEngine;
import dev.wirekit.tls.internal.ClientSide;
import dev.wirekit.tls.internal.DtlsEngine;
import dev.wirekit.tls.internal.DtlsServerSide;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * DTLS 1.2 (RFC 6347) for datagram transports, as a {@link Layer}: each datagram peer of a server
 * (and each datagram client) gets its own DTLS session; the service sees one decrypted datagram per
 * message, after the handshake, with {@link dev.wirekit.api.Session#security()} filled in.
 *
 * <pre>{@code
 * DtlsLayer dtls = DtlsLayer.server(TlsServerConfig.builder(KeyMaterial.pem(cert, key)).build());
 * Server udp = transport.bind(address, Framers.raw(2048), new EchoService(),
 *         TransportOptions.builder().layer(dtls).build());
 * }</pre>
 *
 * <p>It takes the same configuration as {@link TlsLayer} (certificates, trust, client auth, suites,
 * groups, ALPN); the protocol is always DTLS 1.2 and only the TLS 1.2 suites of the list apply.
 * {@link DatagramSettings} add what is particular to datagrams:
 *
 * <ul>
 *   <li><b>Cookies.</b> A server answers every ClientHello without a valid cookie with a stateless
 *       HelloVerifyRequest (an HMAC of the client's address and hello under a per-layer secret) and
 *       keeps no state until the client echoes it, so spoofed sources cannot make it work or
 *       amplify traffic.
 *   <li><b>Retransmission.</b> Handshake flights are resent when unanswered, starting at
 *       {@link DatagramSettings#retransmitTimeout()} and doubling; the whole handshake is bounded by
 *       {@link dev.wirekit.api.TransportOptions#handshakeTimeout()}.
 *   <li><b>Bounded handshakes.</b> At most {@link DatagramSettings#maxConcurrentHandshakes()} run at
 *       once per layer; further verified ClientHellos are dropped (the client retransmits) with a
 *       rate-limited log line.
 *   <li><b>Fragmentation.</b> Handshake messages are cut to {@link DatagramSettings#mtu()};
 *       application datagrams are one record each, up to 16 KiB of plaintext (larger sends fail
 *       with an IOException, as a too-large UDP datagram would).
 * </ul>
 *
 * <p>BouncyCastle's DTLS handshake is blocking, so each handshake runs on a virtual thread (never an
 * event loop); application datagrams are then decrypted synchronously as they arrive.
 */
public final class DtlsLayer implements Layer {
    private final DtlsServerSide server;
    private final ClientSide client;

    private DtlsLayer(DtlsServerSide server, ClientSide client) {
        this.server = server;
        this.client = client;
    }

    public static DtlsLayer server(TlsServerConfig config) {
        return new DtlsLayer(new DtlsServerSide(Objects.requireNonNull(config, "config")), null);
    }

    public static DtlsLayer client(TlsClientConfig config) {
        return new DtlsLayer(null, new ClientSide(Objects.requireNonNull(config, "config")));
    }

    @Override
    public String name() {
        return "dtls";
    }

    @Override
    public boolean forDatagrams() {
        return true;
    }

    /**
     * @throws IllegalArgumentException when a server layer is used on a client session or the other
     *     way round
     */
    @Override
    public LayerEngine open(LayerContext context) {
        boolean serverRole = context.role() == LayerContext.Role.SERVER;
        if (serverRole && server == null) {
            throw new IllegalArgumentException(
                    "a DTLS client layer (DtlsLayer.client) was given to a server;" + " use DtlsLayer.server(...)");
        }
        if (!serverRole && client == null) {
            throw new IllegalArgumentException(
                    "a DTLS server layer (DtlsLayer.server) was given to a client;" + " use DtlsLayer.client(...)");
        }
        return serverRole ? DtlsEngine.server(server, context) : DtlsEngine.client(client, context);
    }

    public boolean isServer() {
        return server != null;
    }

    /** Handshakes running now on this server layer. */
    public int activeHandshakes() {
        return server == null ? 0 : server.activeHandshakes();
    }

    /** See {@link TlsLayer#reload()}. */
    public boolean reload() throws IOException {
        return serverConfig().reload();
    }

    /** See {@link TlsLayer#watchCertificates(Duration)}. */
    public AutoCloseable watchCertificates(Duration settle) throws IOException {
        return TlsLayer.watch(serverConfig(), settle);
    }

    public TlsServerConfig serverConfig() {
        if (server == null) {
            throw new IllegalStateException("a client layer has no server configuration");
        }
        return server.config();
    }

    @Override
    public String toString() {
        return server != null ? "dtls " + server.config() : "dtls " + client.config();
    }
}
