package dev.wirekit.http;

/**
 * An HTTP-level failure with the status code that answers it: a malformed request (400), a body
 * that is too large (413), a missing resource (404). A server handler may throw it to end a request
 * with that status; Wirekit's own parsers throw it for what they reject.
 *
 * <p>The message is meant for the log and for the plain-text body of the error response, so it
 * says what was expected and what came, without echoing raw input.
 */
public class HttpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status a 4xx or 5xx status code
     * @param message what went wrong
     */
    public HttpException(int status, String message) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an HttpException needs a 4xx or 5xx status: " + status);
        }
        this.status = status;
    }

    public HttpException(int status, String message, Throwable cause) {
        this(status, message);
        initCause(cause);
    }

    /** The status code of the response that reports this failure. */
    public int status() {
        return status;
    }
}
