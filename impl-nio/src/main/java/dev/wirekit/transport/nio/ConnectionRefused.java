package dev.wirekit.transport.nio;

import java.net.ConnectException;
import java.net.InetSocketAddress;

/**
 * A connection attempt the peer refused. Refusals are routine (a port scan meets thousands a
 * second) and the stack of the thread that saw one says nothing, so none is recorded, and the
 * message is only built when read. The caller of a blocking connect still learns where it was
 * called from: {@code Transport.connect} adds that as a suppressed exception.
 */
final class ConnectionRefused extends ConnectException {
    private final transient InetSocketAddress target;

    ConnectionRefused(InetSocketAddress target) {
        super(null);
        this.target = target;
    }

    @Override
    public String getMessage() {
        return "connection refused by " + target;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
