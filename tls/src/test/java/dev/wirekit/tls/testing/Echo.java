package dev.wirekit.tls.testing;

import dev.wirekit.api.SecurityInfo;
import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;

/** Tiny test services: echo what arrives, and remember each session's security and close cause. */
public final class Echo {
    private Echo() {}

    /** Echoes each line back. */
    public static class Lines implements Service<String> {
        public final LinkedBlockingQueue<SecurityInfo> opened = new LinkedBlockingQueue<>();
        public final LinkedBlockingQueue<String> closed = new LinkedBlockingQueue<>();

        @Override
        public void onOpen(Session<String> session) {
            session.security().ifPresent(opened::add);
        }

        @Override
        public void onMessage(Session<String> session, String message) {
            session.send(message);
        }

        @Override
        public void onClose(Session<String> session, Throwable cause) {
            closed.add(cause == null ? "orderly" : cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    /** Echoes raw bytes back, whatever the framing. */
    public static final class Bytes implements Service<ByteBuffer> {
        @Override
        public void onMessage(Session<ByteBuffer> session, ByteBuffer message) {
            ByteBuffer copy = ByteBuffer.allocate(message.remaining());
            copy.put(message).flip();
            session.send(copy);
        }
    }
}
