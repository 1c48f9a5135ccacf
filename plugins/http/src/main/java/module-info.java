/**
 * Wirekit's HTTP/1.1 plugin: a server (static files and an embedding API), a client with a
 * connection pool, and the message model they share.
 *
 * <p>Exports the API packages; the codec and the implementations live in {@code
 * dev.wirekit.http.internal} packages and are not exported.
 */
module dev.wirekit.http {
    requires transitive dev.wirekit.api;
    requires transitive dev.wirekit.tls;

    exports dev.wirekit.http;
    exports dev.wirekit.http.server;
    exports dev.wirekit.http.client;

    provides dev.wirekit.spi.ServiceProvider with
            dev.wirekit.http.internal.server.HttpServiceProvider;
    provides dev.wirekit.spi.CommandProvider with
            dev.wirekit.http.internal.client.HttpCommandProvider;
}
