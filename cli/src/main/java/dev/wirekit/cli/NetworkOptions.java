package dev.wirekit.cli;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.tls.TlsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * The options every command that touches the network shares: {@code --transport}, and the TLS
 * options of {@link TlsSettings} ({@code --tls --cert --key --cert-password --trust --insecure
 * --alpn}, plus {@code --client-auth} for servers and {@code --sni} for clients). Added to each
 * serve and client command; read back into a transport and options that carry the TLS (stream) or
 * DTLS (datagram) layer when TLS was asked for.
 */
final class NetworkOptions {
    private NetworkOptions() {}

    /** Which side of a connection a command is. */
    enum Side {
        SERVER,
        CLIENT
    }

    /** The TLS option specs of one side. */
    static List<OptionSpec> tlsOptions(Side side) {
        return side == Side.SERVER ? TlsSettings.serverOptions() : TlsSettings.clientOptions();
    }

    /** Every option name these add for {@code side}, without dashes: a plugin may not declare them. */
    static Set<String> names(Side side) {
        Set<String> names = new HashSet<>();
        names.add("transport");
        tlsOptions(side).forEach(o -> names.add(o.name()));
        return names;
    }

    static void add(CommandSpec command, Side side) {
        command.addOption(CommandLine.Model.OptionSpec.builder("--transport")
                .paramLabel("NAME")
                .type(String.class)
                .description("the transport to use: nio, blocking, or a plugin's (default: the best found, or the"
                        + " wirekit.transport system property; see 'wirekit transports')")
                .build());
        tlsOptions(side).forEach(o -> Arguments.addOption(command, o));
    }

    /** The transport the user chose; the caller closes it. */
    static Transport transport(ParseResult parsed) {
        String name = parsed.matchedOptionValue("--transport", null);
        try {
            return name == null ? Transport.load() : Transport.load(name);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException((name == null ? "" : "option --transport: ") + e.getMessage(), e);
        }
    }

    /**
     * The TLS settings the user gave.
     *
     * @throws IllegalArgumentException when they contradict each other
     */
    static TlsSettings tls(ParseResult parsed, Side side) {
        return TlsSettings.from(Arguments.values(parsed, tlsOptions(side), List.of(), List.of()));
    }

    /**
     * Stream and datagram options for a client command, with the TLS and DTLS layers when asked
     * for. Each is made on first use (a command that only speaks TCP never builds a DTLS layer),
     * then kept.
     */
    record Client(Supplier<TransportOptions> stream, Supplier<TransportOptions> datagram) {}

    /**
     * The client options: {@code base} plus the TLS client layer (stream) and DTLS client layer
     * (datagram) when TLS is on, offering {@code defaultAlpn} unless {@code --alpn} was given. The options are checked now; files are read on first use.
     *
     * @throws IllegalArgumentException when the options contradict each other, or (on first use)
     *     when a certificate, key or trust file cannot be read
     */
    static Client client(ParseResult parsed, TransportOptions base, List<String> defaultAlpn) {
        TlsSettings tls = tls(parsed, Side.CLIENT).withDefaultApplicationProtocols(defaultAlpn);
        return new Client(once(() -> tls.clientStreamOptions(base)), once(() -> tls.clientDatagramOptions(base)));
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    private static Supplier<TransportOptions> once(IoSupplier<TransportOptions> make) {
        return new Supplier<>() {
            private TransportOptions made;

            @Override
            public synchronized TransportOptions get() {
                if (made == null) {
                    try {
                        made = make.get();
                    } catch (IOException e) {
                        throw new IllegalArgumentException("TLS: " + e.getMessage(), e);
                    }
                }
                return made;
            }
        };
    }

    /**
     * The options a served service listens with. One TLS configuration (one certificate, loaded
     * once) serves TCP with TLS and UDP with DTLS; when the certificate came from files, they are
     * watched and reloaded on change without dropping connections (close {@link #watch}).
     */
    record Served(TransportOptions stream, TransportOptions datagram, Optional<AutoCloseable> watch, String tls)
            implements AutoCloseable {
        @Override
        public void close() {
            watch.ifPresent(w -> {
                try {
                    w.close();
                } catch (Exception e) {
                    System.getLogger("dev.wirekit.cli")
                            .log(System.Logger.Level.DEBUG, "stopping the certificate watch: " + e, e);
                }
            });
        }
    }

    /**
     * The server options: {@code base} plus the TLS and DTLS server layers when TLS is on.
     *
     * @throws IllegalArgumentException when a certificate, key or trust file cannot be read
     */
    static Served server(ParseResult parsed, TransportOptions base) {
        TlsSettings tls = tls(parsed, Side.SERVER);
        try {
            Optional<TlsSettings.ServerLayers> layers = tls.serverLayers();
            if (layers.isEmpty()) {
                return new Served(base, base, Optional.empty(), "");
            }
            TlsSettings.ServerLayers l = layers.get();
            Optional<AutoCloseable> watch = tls.certificate() == null
                    ? Optional.empty()
                    : Optional.of(l.watchCertificates(Duration.ofMillis(500)));
            String description = "TLS"
                    + (tls.certificate() == null ? " with the development certificate" : " with " + tls.certificate())
                    + (tls.clientAuth() == dev.wirekit.tls.ClientAuth.NONE
                            ? ""
                            : ", client certificates " + tls.clientAuth().name().toLowerCase(java.util.Locale.ROOT));
            return new Served(
                    base.toBuilder().layer(l.stream()).build(),
                    base.toBuilder().layer(l.datagram()).build(),
                    watch,
                    description);
        } catch (IOException e) {
            throw new IllegalArgumentException("TLS: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("TLS: " + e.getCause().getMessage(), e);
        }
    }
}
