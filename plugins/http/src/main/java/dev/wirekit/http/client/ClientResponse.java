package dev.wirekit.http.client;

import dev.wirekit.api.SecurityInfo;
import dev.wirekit.http.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/**
 * A response received by {@link HttpClient}: status, header fields, and a body read on demand.
 *
 * <p>The connection returns to the pool once the body has been read to its end, or when the
 * response is closed (a short unread rest is skipped; a long one closes the connection). Always
 * close a response, with try-with-resources:
 *
 * <pre>{@code
 * try (ClientResponse r = client.send(ClientRequest.get(uri).build())) {
 *     System.out.println(r.status() + " " + r.bodyText());
 * }
 * }</pre>
 */
public interface ClientResponse extends AutoCloseable {

    /** The status code. */
    int status();

    /** The reason phrase as sent (may be empty). */
    String reason();

    /** {@code HTTP/1.0} or {@code HTTP/1.1}. */
    String version();

    /** The header fields. */
    Headers headers();

    /** The first value of header {@code name}, or null. */
    default String header(String name) {
        return headers().get(name);
    }

    /** The URI that answered: the request's, or the last one redirected to. */
    URI uri();

    /**
     * What TLS negotiated on the connection that carried this response (protocol, cipher suite,
     * the server's certificate chain, ALPN); empty for {@code http}.
     */
    default Optional<SecurityInfo> security() {
        return Optional.empty();
    }

    /**
     * The body, decoded from its framing (Content-Length, chunked, or the end of the connection).
     * A malformed body fails with a {@link java.net.ProtocolException}.
     */
    InputStream body();

    /** The whole body. */
    byte[] bodyBytes() throws IOException;

    /** The whole body as text in the charset of its Content-Type (UTF-8 when none is named). */
    String bodyText() throws IOException;

    /** The trailer fields of a chunked body, once it has been read; empty otherwise. */
    Headers trailers();

    /** Releases the connection (see above). */
    @Override
    void close();
}
