package dev.wirekit.proxy.internal;

import dev.wirekit.api.Server;
import dev.wirekit.http.server.AccessLog;
import dev.wirekit.proxy.ForwardProxy;
import dev.wirekit.spi.Deployment;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.spi.ServiceProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code wirekit serve proxy}: a caching forward proxy. */
public final class ProxyServiceProvider implements ServiceProvider {
    private static final System.Logger LOG = System.getLogger("dev.wirekit.proxy");

    @Override
    public String name() {
        return "proxy";
    }

    @Override
    public String description() {
        return "HTTP forward proxy with CONNECT tunnels and an RFC 9111 cache";
    }

    @Override
    public int defaultPort() {
        return 3128;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.list("allow-client", "a client address or range served (default: loopback); repeatable"),
                OptionSpec.list(
                        "allow-destination",
                        "an address or range reachable although denied by default (loopback...); repeatable"),
                OptionSpec.list("deny-destination", "one more address or range to refuse; repeatable"),
                OptionSpec.list("connect-port", "a port CONNECT may reach (default 443); repeatable"),
                OptionSpec.integer("cache-mb", "memory cache size in MiB (0: no cache)", 64),
                OptionSpec.integer("cache-object-mb", "largest response cached, in MiB", 8),
                OptionSpec.path("cache-dir", "also keep cached responses in files in this directory", null),
                OptionSpec.integer("cache-disk-mb", "disk cache size in MiB", 1024),
                OptionSpec.duration(
                        "upstream-connect-timeout", "how long to wait for an origin to accept", Duration.ofSeconds(10)),
                OptionSpec.duration(
                        "upstream-timeout",
                        "how long to wait for each read from an origin (then 504)",
                        Duration.ofSeconds(60)),
                OptionSpec.duration("tunnel-idle-timeout", "close a tunnel idle this long", Duration.ofMinutes(5)),
                OptionSpec.string("via", "this proxy's name in Via fields", "wirekit"),
                OptionSpec.string("access-log", "write the access log to this file, or '-' for the log output", null));
    }

    @Override
    public Deployment create(OptionValues options) {
        ForwardProxy.Builder b = ForwardProxy.builder()
                .cacheBytes((long) options.integer("cache-mb") << 20)
                .upstreamConnectTimeout(options.duration("upstream-connect-timeout"))
                .upstreamReadTimeout(options.duration("upstream-timeout"))
                .tunnelIdleTimeout(options.duration("tunnel-idle-timeout"))
                .via(options.string("via"));
        if (options.integer("cache-mb") > 0) {
            b.maxObjectBytes((long) options.integer("cache-object-mb") << 20);
            Path dir = options.path("cache-dir");
            if (dir != null) {
                b.cacheDirectory(dir).diskCacheBytes((long) options.integer("cache-disk-mb") << 20);
            }
        }
        boolean clientsGiven = !options.list("allow-client").isEmpty();
        if (clientsGiven) {
            b.allowClients(options.list("allow-client"));
        }
        b.allowDestinations(options.list("allow-destination"));
        b.denyDestinations(options.list("deny-destination"));
        if (!options.list("connect-port").isEmpty()) {
            Set<Integer> ports = new HashSet<>();
            for (String p : options.list("connect-port")) {
                try {
                    ports.add(Integer.parseInt(p.strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--connect-port '" + p + "' is not a port number");
                }
            }
            b.connectPorts(ports);
        }
        String log = options.string("access-log");
        ForwardProxy proxy;
        proxy = b.accessLog(
                        log == null
                                ? AccessLog.none()
                                : log.equals("-")
                                        ? AccessLog.toLogger(System.getLogger("dev.wirekit.proxy.access"))
                                        : AccessLog.toFile(Path.of(log)))
                .build();
        return context -> {
            if (!clientsGiven && !context.address().getAddress().isLoopbackAddress()) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "the proxy listens on " + context.address()
                                + " but serves only loopback clients; give --allow-client to serve others");
            }
            Server server = proxy.start(context.transport(), context.address(), context.streamOptions());
            return server;
        };
    }
}
