/** Wirekit's NIO transport: selector event loops, non-blocking I/O, zero-copy. Exports nothing. */
module dev.wirekit.transport.nio {
    requires dev.wirekit.api;

    provides dev.wirekit.spi.TransportProvider with
            dev.wirekit.transport.nio.NioTransportProvider;
}
