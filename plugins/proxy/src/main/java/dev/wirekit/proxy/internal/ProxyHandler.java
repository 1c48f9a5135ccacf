package dev.wirekit.proxy.internal;

import dev.wirekit.http.HttpException;
import dev.wirekit.http.server.Handler;
import dev.wirekit.http.server.Request;
import dev.wirekit.http.server.Response;
import java.net.InetAddress;

/**
 * The proxy's one handler: refuses clients outside the allow list and requests that loop back,
 * opens tunnels for CONNECT, forwards absolute-form http requests (through the cache), and tells
 * anyone who sends it an ordinary request that it is a proxy.
 */
public final class ProxyHandler implements Handler {
    private final ProxyConfig config;
    private final Forwarder forwarder;
    private final Tunnel tunnel;

    public ProxyHandler(ProxyConfig config) {
        this.config = config;
        this.forwarder = new Forwarder(config);
        this.tunnel = new Tunnel(config);
    }

    @Override
    public void handle(Request request, Response response) throws Exception {
        InetAddress client = request.remoteAddress().getAddress();
        if (config.allowClients().stream().noneMatch(c -> c.contains(client))) {
            response.header("Connection", "close");
            throw new HttpException(403, "this proxy does not serve " + client.getHostAddress());
        }
        for (String hop : request.headers().tokens("Via")) {
            if (hop.endsWith(" " + config.via())) {
                throw new HttpException(508, "the request has already passed through this proxy");
            }
        }
        if (request.method().equals("CONNECT")) {
            tunnel.open(request, response);
            return;
        }
        String target = request.target();
        if (target.regionMatches(true, 0, "http://", 0, 7)) {
            forwarder.forward(request, response);
        } else if (target.regionMatches(true, 0, "https://", 0, 8)) {
            throw new HttpException(501, "send https requests through a CONNECT tunnel");
        } else {
            throw new HttpException(
                    400,
                    "this is a forward proxy: send requests with an absolute URI "
                            + "(configure it as the HTTP proxy)");
        }
    }
}
