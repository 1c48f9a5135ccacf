package dev.wirekit.http.internal.server;

import dev.wirekit.api.Connection;
import dev.wirekit.api.ConnectionHandler;

/** Serves HTTP/1.1 on each connection it is given, with one server's configuration. */
public final class HttpConnectionHandler implements ConnectionHandler {
    private final ServerConfig config;
    private final DateCache dates;

    public HttpConnectionHandler(ServerConfig config) {
        this.config = config;
        this.dates = new DateCache(config.clock());
    }

    @Override
    public void handle(Connection connection) {
        new ServerConnection(config, dates, connection).run();
    }
}
