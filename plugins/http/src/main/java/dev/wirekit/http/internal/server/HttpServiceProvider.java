package dev.wirekit.http.internal.server;

import dev.wirekit.http.server.AccessLog;
import dev.wirekit.http.server.HttpLimits;
import dev.wirekit.http.server.HttpServer;
import dev.wirekit.http.server.StaticFiles;
import dev.wirekit.spi.Deployment;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.spi.ServiceProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code wirekit serve http}: a static file server for one directory. */
public final class HttpServiceProvider implements ServiceProvider {

    @Override
    public String name() {
        return "http";
    }

    @Override
    public String description() {
        return "HTTP/1.1 server for the files of a directory";
    }

    @Override
    public int defaultPort() {
        return 8080;
    }

    @Override
    public List<OptionSpec> options() {
        HttpLimits d = HttpLimits.defaults();
        return List.of(
                OptionSpec.path("root", "the directory to serve", "."),
                OptionSpec.flag("listing", "list directories that have no index file"),
                OptionSpec.list("index", "an index file name, tried in order (default index.html); repeatable"),
                OptionSpec.flag("hidden-files", "serve names that start with a dot"),
                OptionSpec.string("cache-control", "a Cache-Control value sent with every file", null),
                OptionSpec.string("access-log", "write the access log to this file, or '-' for the log output", null),
                OptionSpec.integer("max-body", "the largest request body accepted, in bytes", (int) d.maxBodyBytes()),
                OptionSpec.integer(
                        "max-request-line", "the longest request line accepted, in bytes", d.maxRequestLine()),
                OptionSpec.integer(
                        "max-header-bytes", "the most header bytes accepted per request", d.maxHeaderBytes()),
                OptionSpec.integer("max-headers", "the most header fields accepted per request", d.maxHeaderCount()),
                OptionSpec.duration("header-timeout", "how long a request head may take to arrive", d.headerTimeout()),
                OptionSpec.duration("read-timeout", "how long one read of a request may wait", d.readTimeout()),
                OptionSpec.duration(
                        "keep-alive-timeout",
                        "how long a kept-alive connection may wait for its next request",
                        d.idleTimeout()));
    }

    @Override
    public Deployment create(OptionValues options) {
        Path root = options.path("root");
        if (root == null || !Files.isDirectory(root)) {
            throw new IllegalArgumentException("--root " + root + " is not a directory");
        }
        HttpLimits limits;
        try {
            limits = HttpLimits.builder()
                    .maxBodyBytes(options.integer("max-body"))
                    .maxRequestLine(options.integer("max-request-line"))
                    .maxHeaderBytes(options.integer("max-header-bytes"))
                    .maxHeaderCount(options.integer("max-headers"))
                    .headerTimeout(options.duration("header-timeout"))
                    .readTimeout(options.duration("read-timeout"))
                    .idleTimeout(options.duration("keep-alive-timeout"))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad limit: " + e.getMessage(), e);
        }
        StaticFiles.Builder files = StaticFiles.builder(root)
                .listing(options.flag("listing"))
                .hiddenFiles(options.flag("hidden-files"))
                .cacheControl(options.string("cache-control"));
        List<String> index = options.list("index");
        if (!index.isEmpty()) {
            files.indexFiles(index);
        }
        StaticFiles built = files.build();
        String log = options.string("access-log");
        return context -> {
            AccessLog accessLog = log == null
                    ? AccessLog.none()
                    : log.equals("-")
                            ? AccessLog.toLogger(System.getLogger("dev.wirekit.http.access"))
                            : AccessLog.toFile(Path.of(log));
            HttpServer server = HttpServer.builder()
                    .staticFiles("/", built)
                    .limits(limits)
                    .accessLog(accessLog)
                    .build();
            return server.start(context.transport(), context.address(), context.streamOptions());
        };
    }
}
