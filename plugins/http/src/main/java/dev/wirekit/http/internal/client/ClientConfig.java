package dev.wirekit.http.internal.client;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.http.client.HostResolver;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What one {@link dev.wirekit.http.client.HttpClient} was built with.
 *
 * @param transport the transport connections are made with
 * @param ownsTransport whether closing the client closes the transport
 * @param httpOptions options for http connections
 * @param httpsOptions options (with a TLS layer) for https connections, made on first use (the
 *     default trust loads the system store)
 * @param readTimeout how long each read of a response may wait
 * @param maxConnectionsPerOrigin connections open to one origin at most
 * @param maxIdlePerOrigin idle connections kept per origin at most
 * @param idleTimeout how long a connection may sit idle in the pool
 * @param maxRedirects redirects followed per request
 * @param maxResponseHeaderBytes bytes of response header fields accepted
 * @param userAgent the default User-Agent, or null
 * @param resolver how host names become addresses
 * @param clock the clock for idle times
 */
public record ClientConfig(
        Transport transport,
        boolean ownsTransport,
        TransportOptions httpOptions,
        Supplier<TransportOptions> httpsOptions,
        Duration readTimeout,
        int maxConnectionsPerOrigin,
        int maxIdlePerOrigin,
        Duration idleTimeout,
        int maxRedirects,
        int maxResponseHeaderBytes,
        String userAgent,
        HostResolver resolver,
        Clock clock) {

    /** {@code supplier}'s value, made once, on the first call. */
    public static <T> Supplier<T> once(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
