package dev.wirekit.proxy.internal;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.http.client.HttpClient;
import dev.wirekit.proxy.internal.cache.HttpCache;
import java.time.Duration;
import java.util.List;

/**
 * What one running proxy uses.
 *
 * @param allowClients the client address ranges served
 * @param destinations where it may connect
 * @param upstream the client for forwarded requests
 * @param transport the transport tunnels connect with
 * @param tunnelOptions options for tunnel connections (connect timeout)
 * @param cache the shared cache, or null when caching is off
 * @param via this proxy's pseudonym in Via fields
 * @param tunnelIdleTimeout how long a tunnel may carry nothing in either direction
 */
public record ProxyConfig(
        List<Cidr> allowClients,
        DestinationPolicy destinations,
        HttpClient upstream,
        Transport transport,
        TransportOptions tunnelOptions,
        HttpCache cache,
        String via,
        Duration tunnelIdleTimeout) {}
