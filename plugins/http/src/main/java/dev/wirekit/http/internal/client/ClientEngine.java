package dev.wirekit.http.internal.client;

import dev.wirekit.http.HttpStatus;
import dev.wirekit.http.client.ClientRequest;
import dev.wirekit.http.client.ClientResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/** What {@link dev.wirekit.http.client.HttpClient} does: exchanges, retries and redirects. */
public final class ClientEngine implements AutoCloseable {
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE");

    private final ClientConfig config;
    private final ConnectionPool pool;
    private final ClientExchange exchange;

    public ClientEngine(ClientConfig config) {
        this.config = config;
        this.pool = new ConnectionPool(config);
        this.exchange = new ClientExchange(config, pool);
    }

    public int openConnections() {
        return pool.openConnections();
    }

    /** Sends {@code request}, following up to the configured number of redirects. */
    public ClientResponse send(ClientRequest request) throws IOException {
        ClientRequest current = request;
        for (int hop = 0; ; hop++) {
            PooledResponse response = once(current);
            if (hop >= config.maxRedirects() || !HttpStatus.isRedirect(response.status())) {
                return response;
            }
            ClientRequest next = Redirects.follow(current, response);
            if (next == null) {
                return response;
            }
            response.close();
            current = next;
        }
    }

    /** One exchange, retried once on a fresh connection when a pooled one was dead. */
    private PooledResponse once(ClientRequest request) throws IOException {
        URI uri = request.uri();
        try {
            return exchange.exchange(request, uri, false);
        } catch (ClientExchange.StaleConnectionException e) {
            if (!request.isReplayable() || !IDEMPOTENT.contains(request.method().toUpperCase(Locale.ROOT))) {
                throw e;
            }
            return exchange.exchange(request, uri, true);
        }
    }

    @Override
    public void close() {
        pool.close();
        if (config.ownsTransport()) {
            config.transport().close();
        }
    }

    /** Resolves a Location against the URI it came from. */
    static URI resolve(URI base, String location) throws URISyntaxException {
        return base.resolve(new URI(location.strip().replace(" ", "%20")));
    }
}
