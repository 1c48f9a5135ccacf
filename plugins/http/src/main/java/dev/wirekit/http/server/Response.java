package dev.wirekit.http.server;

import dev.wirekit.api.ConnectionHandler;
import dev.wirekit.http.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;

/**
 * The response to one request: a status (200 unless set), header fields, and a body sent in one of
 * several ways. The head is committed (written) by the first {@code send} or the first byte of
 * {@link #outputStream()}; after that the status and fields cannot change.
 *
 * <p>The server adds {@code Date}, {@code Server}, the framing fields ({@code Content-Length} or
 * {@code Transfer-Encoding: chunked}) and {@code Connection} itself. A response to {@code HEAD}
 * carries the fields the {@code GET} response would, without the body; responses with status 1xx,
 * 204 and 304 never carry a body.
 *
 * <pre>{@code
 * response.status(201).header("Location", "/users/42").send("created\n");
 * }</pre>
 */
public interface Response {

    /** Sets the status code (100-599); 200 unless set. */
    Response status(int code);

    /** The status code set so far. */
    int status();

    /** Sets header {@code name} to {@code value}, replacing any earlier value. */
    Response header(String name, String value);

    /** Adds a field line for {@code name}, keeping earlier ones ({@code Set-Cookie}). */
    Response addHeader(String name, String value);

    /** The header fields set so far, modifiable until the head is committed. */
    Headers headers();

    /** Sets {@code Content-Type}. */
    default Response contentType(String mediaType) {
        return header("Content-Type", mediaType);
    }

    /** Sends the head with an empty body. */
    void send() throws IOException;

    /** Sends {@code text} as UTF-8; {@code text/plain; charset=utf-8} unless a Content-Type is set. */
    void send(String text) throws IOException;

    /** Sends {@code body} with its length. */
    void send(byte[] body) throws IOException;

    /**
     * Sends what {@code body} yields: exactly {@code length} bytes, or (length -1) everything until
     * its end, chunked to an HTTP/1.1 client. The stream is not closed.
     */
    void send(InputStream body, long length) throws IOException;

    /**
     * Sends {@code count} bytes of {@code file} from {@code position}: from the file system straight
     * to the socket when the transport can and no TLS layer is in the way. Returns once the bytes are
     * written; the channel is not closed.
     */
    void sendFile(FileChannel file, long position, long count) throws IOException;

    /**
     * A stream for the body. With a {@code Content-Length} set, exactly that many bytes must be
     * written; without one the body is chunked (HTTP/1.1) or ends with the connection (HTTP/1.0).
     * Closing the stream completes the response; the server closes it if the handler does not.
     */
    OutputStream outputStream() throws IOException;

    /** Sends a redirect: {@code status} (301, 302, 303, 307 or 308) with a {@code Location}. */
    default void redirect(int status, String location) throws IOException {
        if (status < 300 || status > 308) {
            throw new IllegalArgumentException("not a redirect status: " + status);
        }
        status(status).header("Location", location).send();
    }

    /** Whether the head has been written. */
    boolean isCommitted();

    /**
     * Sends this response's head (no body: a {@code 200} answering {@code CONNECT}, or a {@code 101}),
     * then gives the raw connection to {@code next} and returns when it does. The bytes the client
     * sent after the request are the first {@code next} reads. The server closes the connection
     * afterwards; no further request is read from it.
     *
     * @throws IllegalStateException when the head was already committed
     */
    void takeOver(ConnectionHandler next) throws Exception;
}
