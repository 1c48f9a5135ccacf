package dev.wirekit.spi;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** Receives a {@link DatagramWire}'s datagrams; implemented by Wirekit. Called one at a time. */
public interface DatagramReceiver {

    /**
     * One datagram from {@code sender}, between {@code payload}'s position and limit; valid only
     * during the call. A datagram larger than the driver's maximum is never delivered truncated:
     * the driver drops it and calls {@link #onOversized}.
     */
    void onDatagram(ByteBuffer payload, InetSocketAddress sender);

    /** A datagram from {@code sender} was larger than the driver can receive and was discarded. */
    default void onOversized(InetSocketAddress sender) {}

    /** The socket has closed; {@code cause} is null after {@link DatagramWire#close()}. */
    void onClosed(Throwable cause);
}
