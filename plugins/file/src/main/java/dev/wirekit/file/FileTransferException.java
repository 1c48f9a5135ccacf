package dev.wirekit.file;

import java.io.IOException;

/**
 * A file operation failed for a reason the protocol names: the server refused it (the
 * {@link #error()} and message came from the server's ERROR reply), or the client found the data
 * wrong (a digest that does not match). A lost connection is a plain {@link IOException} instead.
 */
public class FileTransferException extends IOException {
    private static final long serialVersionUID = 1L;

    private final FileError error;

    public FileTransferException(FileError error, String message) {
        super(message);
        this.error = error;
    }

    /** Why it failed. */
    public FileError error() {
        return error;
    }

    @Override
    public String toString() {
        return "FileTransferException[" + error + "]: " + getMessage();
    }
}
