package dev.wirekit.transport.blocking;

import dev.wirekit.spi.DatagramReceiver;
import dev.wirekit.spi.DatagramWire;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A datagram socket whose receiver runs on one virtual thread. Sends go straight to the socket from
 * the caller's thread: a UDP send only waits for kernel buffer space, briefly.
 */
final class BlockingDatagramWire implements DatagramWire, AutoCloseable {
    private final BlockingDriver driver;
    private final DatagramSocket socket;
    private final InetSocketAddress local;
    private volatile boolean closed;

    BlockingDatagramWire(BlockingDriver driver, DatagramSocket socket) {
        this.driver = driver;
        this.socket = socket;
        this.local = (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void start(DatagramReceiver receiver) {
        driver.start(() -> receiveLoop(receiver));
    }

    private void receiveLoop(DatagramReceiver receiver) {
        byte[] buffer = new byte[BlockingDriver.MAX_DATAGRAM + 1];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        Throwable cause = null;
        try {
            while (!closed) {
                packet.setLength(buffer.length);
                try {
                    socket.receive(packet);
                } catch (java.net.PortUnreachableException e) {
                    continue; // an ICMP error for an earlier send on a connected socket
                }
                InetSocketAddress sender = (InetSocketAddress) packet.getSocketAddress();
                if (packet.getLength() > BlockingDriver.MAX_DATAGRAM) {
                    receiver.onOversized(sender);
                    continue;
                }
                receiver.onDatagram(ByteBuffer.wrap(buffer, 0, packet.getLength()), sender);
            }
        } catch (IOException e) {
            if (!closed) {
                cause = e;
            }
        } catch (Throwable t) {
            cause = t;
        } finally {
            close();
            receiver.onClosed(cause);
        }
    }

    @Override
    public boolean send(ByteBuffer payload, InetSocketAddress target) {
        if (closed) {
            return false;
        }
        int length = payload.remaining();
        byte[] data;
        int offset;
        if (payload.hasArray()) {
            data = payload.array();
            offset = payload.arrayOffset() + payload.position();
        } else {
            data = new byte[length];
            payload.duplicate().get(data);
            offset = 0;
        }
        DatagramPacket packet = socket.isConnected()
                ? new DatagramPacket(data, offset, length)
                : new DatagramPacket(data, offset, length, target);
        try {
            socket.send(packet);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            socket.close();
            driver.forget(this);
        }
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public boolean inEventLoop() {
        return false;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }
}
