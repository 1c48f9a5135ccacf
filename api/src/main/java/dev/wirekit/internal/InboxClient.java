package dev.wirekit.internal;

import dev.wirekit.api.AttributeKey;
import dev.wirekit.api.ClientSession;
import dev.wirekit.api.SecurityInfo;
import dev.wirekit.api.Session;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.Optional;

/** A {@link ClientSession}: a session whose service is an {@link Inbox}. */
final class InboxClient<T> implements ClientSession<T> {
    private final Session<T> session;
    private final Inbox<T> inbox;
    private final Duration readTimeout;

    InboxClient(Session<T> session, Inbox<T> inbox, Duration readTimeout) {
        this.session = session;
        this.inbox = inbox;
        this.readTimeout = readTimeout;
    }

    @Override
    public T receive() throws IOException {
        return inbox.take(readTimeout);
    }

    @Override
    public T receive(Duration timeout) throws IOException {
        return inbox.take(timeout);
    }

    @Override
    public String id() {
        return session.id();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return session.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return session.localAddress();
    }

    @Override
    public Optional<SecurityInfo> security() {
        return session.security();
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void send(T message) {
        session.send(message);
    }

    @Override
    public boolean trySend(T message) {
        return session.trySend(message);
    }

    @Override
    public void sendFile(FileChannel file, long position, long count) throws IOException {
        session.sendFile(file, position, count);
    }

    @Override
    public void flush() throws IOException {
        session.flush();
    }

    @Override
    public void shutdownOutput() {
        session.shutdownOutput();
    }

    @Override
    public void close() {
        session.close();
    }

    @Override
    public void close(T lastMessage) {
        session.close(lastMessage);
    }

    @Override
    public void abort() {
        session.abort();
    }

    @Override
    public <A> A attribute(AttributeKey<A> key) {
        return session.attribute(key);
    }

    @Override
    public <A> A attribute(AttributeKey<A> key, A value) {
        return session.attribute(key, value);
    }

    @Override
    public String toString() {
        return "Client" + session;
    }
}
