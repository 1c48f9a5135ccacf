package dev.wirekit.http.internal.server;

import dev.wirekit.http.internal.HeadLimits;
import dev.wirekit.http.server.AccessLog;
import dev.wirekit.http.server.Handler;
import dev.wirekit.http.server.HttpLimits;
import java.time.Clock;

/**
 * What every connection of one server shares.
 *
 * @param router the routes
 * @param fallback the handler for unrouted requests, or null for 404
 * @param limits the request limits
 * @param accessLog where request lines go
 * @param clock the clock for dates and the access log
 * @param serverHeader the Server field's value, or null
 */
public record ServerConfig(
        Router router, Handler fallback, HttpLimits limits, AccessLog accessLog, Clock clock, String serverHeader) {

    /** The head limits derived from {@link #limits}. */
    public HeadLimits headLimits() {
        return new HeadLimits(limits.maxRequestLine(), limits.maxHeaderBytes(), limits.maxHeaderCount(), 414);
    }
}
