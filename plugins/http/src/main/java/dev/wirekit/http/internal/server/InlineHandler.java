package dev.wirekit.http.internal.server;

import dev.wirekit.http.server.Handler;

/**
 * A handler that can answer some requests without blocking, so that the server may run it on the
 * transport's event loop (see {@link dev.wirekit.api.Connection#armInline}).
 */
public interface InlineHandler extends Handler {
    /**
     * Whether a GET or HEAD of {@code rawPath} (still percent-encoded), with no body and no Range,
     * would be answered without blocking: no file or network I/O beyond a {@code stat}, no lock
     * another thread may hold for long.
     */
    boolean answersInline(String rawPath);
}
