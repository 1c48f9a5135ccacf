package dev.wirekit.file.internal;

import dev.wirekit.file.FileError;

/**
 * A request the server refuses: answered with an ERROR message carrying {@link #error()} and the
 * message; when {@link #endsConnection()}, the connection closes after it (the stream cannot be
 * trusted, or the client is not allowed in).
 */
public final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    private final FileError error;
    private final boolean endsConnection;

    public Refusal(FileError error, String message) {
        this(error, message, false, null);
    }

    public Refusal(FileError error, String message, boolean endsConnection, Throwable cause) {
        super(message, cause, false, false);
        this.error = error;
        this.endsConnection = endsConnection;
    }

    public FileError error() {
        return error;
    }

    public boolean endsConnection() {
        return endsConnection;
    }
}
