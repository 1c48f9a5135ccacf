/** Wirekit's blocking transport: java.net sockets, one virtual thread per connection. Exports nothing. */
module dev.wirekit.transport.blocking {
    requires dev.wirekit.api;

    provides dev.wirekit.spi.TransportProvider with
            dev.wirekit.transport.blocking.BlockingTransportProvider;
}
