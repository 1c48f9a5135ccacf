package dev.wirekit.http.internal.server;

import dev.wirekit.http.server.Handler;

/**
 * A handler that can answer some requests without blocking, so that the server may run it on the
 * transport's event loop (see {@link dev.wirekit.api.Connection#armInline}).
 */
public interface InlineHandler extends Handler {
    /**
     * What answers a GET or HEAD of {@code rawPath} (still percent-encoded), with no body and no
     * Range, without blocking — no file or network I/O beyond a {@code stat} now, none at all when
     * it runs, no lock another thread may hold for long — or null when this request needs the
     * blocking path.
     */
    Handler inlineAnswer(String rawPath);
}
