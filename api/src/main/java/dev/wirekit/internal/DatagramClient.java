package dev.wirekit.internal;

import dev.wirekit.api.TransportOptions;
import dev.wirekit.spi.DatagramReceiver;
import dev.wirekit.spi.DatagramWire;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** The socket behind a datagram {@link dev.wirekit.api.ClientSession}: one peer, one session. */
final class DatagramClient implements DatagramReceiver, DatagramSession.Owner {
    private final DefaultTransport transport;
    private final TransportOptions options;
    private final DatagramWire wire;
    private final Counters counters = new Counters();
    private volatile DatagramSession<?> session;

    DatagramClient(DefaultTransport transport, TransportOptions options, DatagramWire wire) {
        this.transport = transport;
        this.options = options;
        this.wire = wire;
    }

    void attach(DatagramSession<?> session) {
        this.session = session;
    }

    @Override
    public void onDatagram(ByteBuffer payload, InetSocketAddress sender) {
        counters.bytesRead.add(payload.remaining());
        DatagramSession<?> s = session;
        if (s != null) {
            s.onDatagram(payload);
        }
    }

    @Override
    public void onClosed(Throwable cause) {
        DatagramSession<?> s = session;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public void finished(DatagramSession<?> session) {
        wire.close();
        transport.forget(this);
    }

    @Override
    public DefaultTransport transport() {
        return transport;
    }

    @Override
    public DatagramWire wire() {
        return wire;
    }

    @Override
    public TransportOptions options() {
        return options;
    }

    @Override
    public Counters counters() {
        return counters;
    }
}
