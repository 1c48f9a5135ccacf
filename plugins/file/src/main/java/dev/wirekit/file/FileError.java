package dev.wirekit.file;

/**
 * Why a file server refused a request, as carried by the protocol's ERROR message (each constant's
 * {@link #code()} is its number on the wire; see {@code docs/protocols/file.md}).
 */
public enum FileError {
    /** A code this client does not know (a newer server); the message says what happened. */
    UNKNOWN(0, false),
    /** The message was malformed, unexpected at this point, or of an unknown type. */
    BAD_REQUEST(1, false),
    /** The server does not speak the protocol version the client asked for. */
    UNSUPPORTED_VERSION(2, false),
    /** The server requires an access token and the one given was missing or wrong. */
    UNAUTHORIZED(3, false),
    /** The name is not allowed: a path, a separator, '..', a device name, a symbolic link leading out... */
    BAD_NAME(4, false),
    /** No file of that name. */
    NOT_FOUND(5, false),
    /** The name exists but is not a regular file (a directory, a device). */
    NOT_A_FILE(6, false),
    /** The server is read-only: uploads and deletes are refused. */
    READ_ONLY(7, false),
    /** The server does not allow deleting files. */
    DELETE_DISABLED(8, false),
    /** The file is larger than the server accepts. */
    TOO_LARGE(9, false),
    /** The server's disk has not enough free space for the file. */
    NO_SPACE(10, true),
    /** Another upload of the same name, with different content, is in progress. */
    BUSY(11, true),
    /** The data received does not have the SHA-256 digest announced; nothing was kept. */
    DIGEST_MISMATCH(12, false),
    /** The resume offset is beyond the end of the file. */
    BAD_OFFSET(13, false),
    /** The server could not read or write its disk. */
    STORAGE(14, true),
    /** A bug in the server. */
    INTERNAL(15, true);

    private final int code;
    private final boolean retryable;

    FileError(int code, boolean retryable) {
        this.code = code;
        this.retryable = retryable;
    }

    /** The number that stands for this error on the wire. */
    public int code() {
        return code;
    }

    /** Whether trying again later may succeed without changing the request. */
    public boolean retryable() {
        return retryable;
    }

    /** The error for wire code {@code code}; {@link #UNKNOWN} for a code this version does not know. */
    public static FileError ofCode(int code) {
        for (FileError e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return UNKNOWN;
    }
}
