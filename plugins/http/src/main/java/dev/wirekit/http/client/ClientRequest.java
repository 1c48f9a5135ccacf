package dev.wirekit.http.client;

import dev.wirekit.http.Headers;
import dev.wirekit.http.Parameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * One request for {@link HttpClient#send}: a method, an absolute {@code http} or {@code https}
 * URI, header fields and an optional body. Immutable.
 *
 * <pre>{@code
 * ClientRequest post = ClientRequest.post(URI.create("http://127.0.0.1:8080/items"))
 *         .header("Accept", "application/json")
 *         .body("{\"name\":\"x\"}", "application/json")
 *         .build();
 * }</pre>
 *
 * <p>A body given as bytes (or text, a form, a file read whole) can be sent again: such a request is
 * retried once on a fresh connection when a pooled one turns out to be dead, and follows 307/308
 * redirects. A body given as a stream is sent once.
 */
public final class ClientRequest {
    private final String method;
    private final URI uri;
    private final Headers headers;
    private final byte[] bytes;
    private final InputStream stream;
    private final long streamLength;

    private ClientRequest(Builder b) {
        method = b.method;
        uri = b.uri;
        headers = b.headers.copy();
        bytes = b.bytes;
        stream = b.stream;
        streamLength = b.streamLength;
    }

    /** A GET request for {@code uri}. */
    public static Builder get(URI uri) {
        return builder("GET", uri);
    }

    /** A POST request for {@code uri}. */
    public static Builder post(URI uri) {
        return builder("POST", uri);
    }

    /**
     * A request with any method.
     *
     * @throws IllegalArgumentException when {@code uri} is not an absolute http or https URI with a
     *     host, or {@code method} is not a token
     */
    public static Builder builder(String method, URI uri) {
        return new Builder(method, uri);
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    /** A copy of the header fields. */
    public Headers headers() {
        return headers.copy();
    }

    /** The body as bytes, or null when there is none or it is a stream. */
    public byte[] bodyBytes() {
        return bytes == null ? null : bytes.clone();
    }

    /** Whether the body can be sent more than once (none, or bytes). */
    public boolean isReplayable() {
        return stream == null;
    }

    /** Whether there is a body at all. */
    public boolean hasBody() {
        return bytes != null || stream != null;
    }

    /** The body's length: a count, or -1 for a stream of unknown length (sent chunked). */
    public long bodyLength() {
        return bytes != null ? bytes.length : stream != null ? streamLength : 0;
    }

    /** The body's bytes as a new stream, or the stream given. */
    public InputStream openBody() {
        return bytes != null ? new java.io.ByteArrayInputStream(bytes) : stream;
    }

    /** A builder starting from this request, to change its method, URI or body (redirects). */
    public Builder toBuilder() {
        Builder b = new Builder(method, uri);
        b.headers = headers.copy();
        b.bytes = bytes;
        b.stream = stream;
        b.streamLength = streamLength;
        return b;
    }

    @Override
    public String toString() {
        return method + " " + uri;
    }

    /** Builds a {@link ClientRequest}. */
    public static final class Builder {
        private String method;
        private URI uri;
        private Headers headers = new Headers();
        private byte[] bytes;
        private InputStream stream;
        private long streamLength = -1;

        private Builder(String method, URI uri) {
            method(method);
            uri(uri);
        }

        public Builder method(String value) {
            if (!Headers.isToken(value)) {
                throw new IllegalArgumentException("not a method: " + value);
            }
            method = value.toUpperCase(Locale.ROOT);
            return this;
        }

        public Builder uri(URI value) {
            Objects.requireNonNull(value, "uri");
            String scheme = value.getScheme() == null ? "" : value.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("not an http or https URI: " + value);
            }
            if (value.getHost() == null) {
                throw new IllegalArgumentException("the URI has no host: " + value);
            }
            uri = value;
            return this;
        }

        /** Sets a header field, replacing earlier values. */
        public Builder header(String name, String value) {
            headers.set(name, value);
            return this;
        }

        /** Adds a header field line, keeping earlier ones. */
        public Builder addHeader(String name, String value) {
            headers.add(name, value);
            return this;
        }

        /** Removes a header field. */
        public Builder removeHeader(String name) {
            headers.remove(name);
            return this;
        }

        /** A body of bytes. */
        public Builder body(byte[] value) {
            bytes = value.clone();
            stream = null;
            return this;
        }

        /** A body of text in UTF-8, with its Content-Type. */
        public Builder body(String text, String contentType) {
            header("Content-Type", contentType);
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        /** A form body ({@code application/x-www-form-urlencoded}). */
        public Builder form(Parameters form) {
            return body(form.encode(), "application/x-www-form-urlencoded");
        }

        /** The whole file as the body. */
        public Builder body(Path file) {
            try {
                return body(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }

        /**
         * A streamed body: exactly {@code length} bytes, or (-1) everything until its end, sent
         * chunked. Read once; the stream is not closed.
         */
        public Builder body(InputStream value, long length) {
            stream = Objects.requireNonNull(value, "stream");
            streamLength = length < 0 ? -1 : length;
            bytes = null;
            return this;
        }

        /** No body. */
        public Builder noBody() {
            bytes = null;
            stream = null;
            return this;
        }

        public ClientRequest build() {
            return new ClientRequest(this);
        }
    }
}
