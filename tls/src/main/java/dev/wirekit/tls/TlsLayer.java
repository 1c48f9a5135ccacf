package dev.wirekit.tls;

import dev.wirekit.api.layer.Layer;
import dev.wirekit.api.layer.LayerContext;
import dev.wirekit.api.layer.LayerEngine;
import dev.wirekit.tls.internal.ClientSide;
import dev.wirekit.tls.internal.ServerSide;
import dev.wirekit.tls.internal.TlsEngine;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * TLS 1.3 and 1.2 for byte streams, as a {@link Layer} that any transport runs: put it in
 * {@link dev.wirekit.api.TransportOptions.Builder#layer}, and every connection made with those
 * options is encrypted and authenticated before the framer sees a byte.
 *
 * <pre>{@code
 * TlsLayer tls = TlsLayer.server(TlsServerConfig.builder(KeyMaterial.pem(cert, key)).build());
 * try (Transport transport = Transport.load();
 *      Server server = transport.listen(address, Framers.lines(8192), new EchoService(),
 *              TransportOptions.builder().layer(tls).build())) {
 *     ...
 * }
 * }</pre>
 *
 * <p>The protocol engine is BouncyCastle's, driven in non-blocking mode with the JDK's JCA crypto:
 * the same engine on every transport (blocking, NIO, third-party). The handshake's CPU work runs on
 * the connection's virtual thread, never on an event loop. A service sees its session open only
 * after the handshake, with {@link dev.wirekit.api.Session#security()} filled in (protocol, suite,
 * peer and local chains, SNI, ALPN). The handshake is bounded by
 * {@link dev.wirekit.api.TransportOptions#handshakeTimeout()}.
 *
 * <p>Failures are {@link TlsException}s with a {@link TlsFailure}: the service's {@code onClose}
 * receives them, the connection's one log line names them, and a client's {@code connect} or
 * {@code read} throws them. The alert explaining the failure is sent to the peer before the
 * connection closes.
 *
 * <p>Half-close works as in TLS 1.3 (RFC 8446 6.1), for both versions: a peer's close_notify ends
 * the input while the output stays open, and closing our output sends close_notify while input
 * still arrives.
 *
 * <p>One instance serves any number of connections, concurrently; it holds no thread.
 */
public final class TlsLayer implements Layer {
    private final ServerSide server;
    private final ClientSide client;

    private TlsLayer(ServerSide server, ClientSide client) {
        this.server = server;
        this.client = client;
    }

    /** A layer for the accepting side, presenting the configured certificate. */
    public static TlsLayer server(TlsServerConfig config) {
        return new TlsLayer(new ServerSide(Objects.requireNonNull(config, "config")), null);
    }

    /** A layer for the connecting side. */
    public static TlsLayer client(TlsClientConfig config) {
        return new TlsLayer(null, new ClientSide(Objects.requireNonNull(config, "config")));
    }

    /** A client layer with {@link TlsClientConfig#defaults()}: the system trust store, host names verified. */
    public static TlsLayer client() {
        return client(TlsClientConfig.defaults());
    }

    @Override
    public String name() {
        return "tls";
    }

    /**
     * A new engine for one connection.
     *
     * @throws IllegalArgumentException when a server layer is used on a client connection or the
     *     other way round
     */
    @Override
    public LayerEngine open(LayerContext context) {
        boolean serverRole = context.role() == LayerContext.Role.SERVER;
        if (serverRole && server == null) {
            throw new IllegalArgumentException("a TLS client layer (TlsLayer.client) was given to a server; use"
                    + " TlsLayer.server(...) for accepted connections");
        }
        if (!serverRole && client == null) {
            throw new IllegalArgumentException("a TLS server layer (TlsLayer.server) was given to a client"
                    + " connection; use TlsLayer.client(...)");
        }
        return serverRole ? TlsEngine.server(server, context) : TlsEngine.client(client, context);
    }

    /** True for a layer made by {@link #server}. */
    public boolean isServer() {
        return server != null;
    }

    /**
     * Reloads the server's certificates from their files: handshakes that start afterwards use the
     * new ones; established connections keep theirs. See {@link KeyMaterial#reload()}.
     *
     * @return true when a certificate changed
     * @throws IOException when the files are unusable; the certificates in use stay
     * @throws IllegalStateException on a client layer
     */
    public boolean reload() throws IOException {
        return serverConfig().reload();
    }

    /**
     * Reloads the server's certificates automatically whenever their files change (see
     * {@link KeyMaterial#watch(Duration)}). Close the handle to stop.
     */
    public AutoCloseable watchCertificates(Duration settle) throws IOException {
        return watch(serverConfig(), settle);
    }

    static AutoCloseable watch(TlsServerConfig config, Duration settle) throws IOException {
        List<AutoCloseable> watchers = new ArrayList<>();
        try {
            for (KeyMaterial m : config.certificates()) {
                if (!m.files().isEmpty()) {
                    watchers.add(m.watch(settle));
                }
            }
        } catch (IOException | RuntimeException e) {
            closeAll(watchers);
            throw e;
        }
        return () -> closeAll(watchers);
    }

    private static void closeAll(List<AutoCloseable> watchers) {
        for (AutoCloseable w : watchers) {
            try {
                w.close();
            } catch (Exception ignored) {
                // best effort: the others still close
            }
        }
    }

    /** The server configuration. @throws IllegalStateException on a client layer */
    public TlsServerConfig serverConfig() {
        if (server == null) {
            throw new IllegalStateException("a client layer has no server configuration");
        }
        return server.config();
    }

    @Override
    public String toString() {
        return server != null ? "tls " + server.config() : "tls " + client.config();
    }
}
