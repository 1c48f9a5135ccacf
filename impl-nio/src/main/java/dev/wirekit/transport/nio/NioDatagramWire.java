package dev.wirekit.transport.nio;

import dev.wirekit.spi.DatagramReceiver;
import dev.wirekit.spi.DatagramWire;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A datagram channel on an event loop. Receives in batches on the loop; sends straight from the
 * caller's thread when the socket has room, else queues (bounded) for the loop.
 */
final class NioDatagramWire implements DatagramWire, Handler {
    private static final int RECEIVES_PER_EVENT = 64;
    private static final int MAX_QUEUED = 4096;

    private record Outgoing(ByteBuffer payload, InetSocketAddress target) {}

    private final NioDriver driver;
    private final EventLoop loop;
    private final DatagramChannel channel;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final ReentrantLock sendLock = new ReentrantLock();
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean closeReported = new AtomicBoolean();
    private volatile boolean writeInterest;
    private SelectionKey key;
    private DatagramReceiver receiver;
    private volatile Throwable failure;

    NioDatagramWire(NioDriver driver, EventLoop loop, DatagramChannel channel) throws IOException {
        this.driver = driver;
        this.loop = loop;
        this.channel = channel;
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
    }

    @Override
    public void start(DatagramReceiver receiver) {
        this.receiver = receiver;
        loop.run(() -> {
            try {
                key = channel.register(loop.selector, SelectionKey.OP_READ, this);
            } catch (IOException e) {
                failure = e;
                close();
            }
        });
    }

    @Override
    public void ready(int readyOps) {
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            flush();
        }
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            receive();
        }
    }

    private void receive() {
        ByteBuffer buffer = loop.datagramBuffer;
        for (int i = 0; i < RECEIVES_PER_EVENT && !closed.get(); i++) {
            buffer.clear();
            InetSocketAddress sender;
            try {
                sender = (InetSocketAddress) channel.receive(buffer);
            } catch (PortUnreachableException e) {
                continue; // an ICMP error for an earlier send on a connected socket
            } catch (IOException e) {
                failure = e;
                close();
                return;
            }
            if (sender == null) {
                return;
            }
            buffer.flip();
            if (buffer.remaining() > NioDriver.MAX_DATAGRAM) {
                receiver.onOversized(sender);
                continue;
            }
            receiver.onDatagram(buffer, sender);
        }
    }

    @Override
    public boolean send(ByteBuffer payload, InetSocketAddress target) {
        if (closed.get()) {
            return false;
        }
        sendLock.lock();
        try {
            if (queue.isEmpty()) {
                int n = remote != null ? channel.write(payload) : channel.send(payload, target);
                if (n > 0 || !payload.hasRemaining()) {
                    return true;
                }
            }
            if (queue.size() >= MAX_QUEUED) {
                return false;
            }
            queue.add(new Outgoing(payload, target));
            if (!writeInterest) {
                writeInterest = true;
                loop.run(this::updateInterest);
            }
            return true;
        } catch (PortUnreachableException e) {
            return false;
        } catch (IOException e) {
            return false;
        } finally {
            sendLock.unlock();
        }
    }

    private void flush() {
        sendLock.lock();
        try {
            while (!queue.isEmpty()) {
                Outgoing next = queue.peek();
                int n = remote != null ? channel.write(next.payload()) : channel.send(next.payload(), next.target());
                if (n == 0 && next.payload().hasRemaining()) {
                    return;
                }
                queue.poll();
            }
            writeInterest = false;
        } catch (IOException e) {
            queue.poll(); // that datagram cannot be sent; the others may
        } finally {
            sendLock.unlock();
        }
        updateInterest();
    }

    private void updateInterest() {
        if (key != null && key.isValid()) {
            key.interestOps(SelectionKey.OP_READ | (writeInterest ? SelectionKey.OP_WRITE : 0));
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        NioDriver.closeQuietly(channel);
        driver.forget(this);
        try {
            loop.run(this::reportClosed);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            reportClosed();
        }
    }

    private void reportClosed() {
        if (closeReported.compareAndSet(false, true) && receiver != null) {
            receiver.onClosed(failure);
        }
    }

    @Override
    public void loopClosed() {
        close();
        reportClosed();
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public boolean inEventLoop() {
        return loop.inLoop();
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }
}
