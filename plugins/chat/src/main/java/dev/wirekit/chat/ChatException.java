package dev.wirekit.chat;

import java.io.IOException;

/**
 * A chat connection could not be set up, or a request was refused: the nick is taken, the login
 * failed, the server closed the connection. {@link #reply()} is the server's message that said so,
 * when there was one.
 */
public final class ChatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient IrcMessage reply;

    public ChatException(String message, IrcMessage reply) {
        super(message);
        this.reply = reply;
    }

    public ChatException(String message, Throwable cause) {
        super(message, cause);
        this.reply = null;
    }

    /** The server's reply that caused this, or null. */
    public IrcMessage reply() {
        return reply;
    }
}
