package dev.wirekit.echo;

import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Sends every byte back as it came (RFC 862 echo), over TCP or UDP, on any transport. Options, from
 * the tutorial's exercise: upper-case the echo (ASCII letters only, so UTF-8 text stays valid), greet
 * each TCP client with a welcome line, and write every message to a {@link MessageLog}.
 *
 * <pre>{@code
 * EchoService echo = EchoService.builder().uppercase(true).welcome("hello from wirekit").build();
 * transport.listen(address, Framers.raw(64 * 1024), echo, TransportOptions.defaults());
 * }</pre>
 *
 * <p>Non-blocking unless it logs, so an event-loop transport runs it on the loop.
 */
public final class EchoService implements Service<ByteBuffer> {
    private final boolean uppercase;
    private final ByteBuffer welcome;
    private final MessageLog log;

    private EchoService(Builder b) {
        this.uppercase = b.uppercase;
        this.welcome = b.welcome == null
                ? null
                : ByteBuffer.wrap((b.welcome + "\n").getBytes(StandardCharsets.UTF_8))
                        .asReadOnlyBuffer();
        this.log = b.log;
    }

    /** A plain echo: no upper-casing, no welcome, no log. */
    public static EchoService plain() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onOpen(Session<ByteBuffer> session) {
        if (welcome != null) {
            session.send(welcome.duplicate());
        }
        if (log != null) {
            log.record(session, "connected");
        }
    }

    @Override
    public void onMessage(Session<ByteBuffer> session, ByteBuffer message) {
        if (log != null) {
            log.record(session, message);
        }
        session.send(uppercase ? upperAscii(message) : message);
    }

    @Override
    public void onClose(Session<ByteBuffer> session, Throwable cause) {
        if (log != null) {
            log.record(session, cause == null ? "disconnected" : "disconnected: " + cause.getMessage());
        }
    }

    @Override
    public boolean isNonBlocking() {
        return log == null;
    }

    /** A plain echo sends each message straight back and keeps nothing: it may borrow them. */
    @Override
    public boolean borrowsMessages() {
        return !uppercase && log == null;
    }

    /** Upper-cases ASCII letters in place: the message is a fresh buffer owned by this call. */
    static ByteBuffer upperAscii(ByteBuffer message) {
        for (int i = message.position(); i < message.limit(); i++) {
            byte b = message.get(i);
            if (b >= 'a' && b <= 'z') {
                message.put(i, (byte) (b - 32));
            }
        }
        return message;
    }

    /** Builds an {@link EchoService}. */
    public static final class Builder {
        private boolean uppercase;
        private String welcome;
        private MessageLog log;

        private Builder() {}

        /** Echo ASCII letters in upper case. */
        public Builder uppercase(boolean value) {
            uppercase = value;
            return this;
        }

        /** A line sent to every client when it connects; null for none. */
        public Builder welcome(String value) {
            if (value != null && (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0)) {
                throw new IllegalArgumentException("the welcome message must be one line");
            }
            welcome = value;
            return this;
        }

        /** Where every message is recorded; null for nowhere. */
        public Builder log(MessageLog value) {
            log = value;
            return this;
        }

        public EchoService build() {
            return new EchoService(this);
        }
    }

    @Override
    public String toString() {
        return "EchoService[uppercase=" + uppercase + ", welcome=" + (welcome != null) + ", log="
                + Objects.toString(log) + "]";
    }
}
