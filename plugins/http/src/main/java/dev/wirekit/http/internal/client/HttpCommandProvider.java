package dev.wirekit.http.internal.client;

import dev.wirekit.spi.CommandProvider;
import dev.wirekit.spi.CommandSpec;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.ParameterSpec;
import java.time.Duration;

/** {@code wirekit http get URL}: fetch a URL and show the response, like a small curl. */
public final class HttpCommandProvider implements CommandProvider {

    @Override
    public CommandSpec command() {
        CommandSpec get = CommandSpec.builder("get", "send a request to URL; print the status, header fields and body")
                .parameter(ParameterSpec.required("url", "the http:// or https:// URL"))
                .option(OptionSpec.path("output", "save the body to this file instead of printing it", null)
                        .withAliases("-o"))
                .option(OptionSpec.flag("head", "send HEAD: show the status and header fields only")
                        .withAliases("-I"))
                .option(OptionSpec.string("request", "the method (GET, or POST with --data)", null)
                        .withAliases("-X"))
                .option(OptionSpec.string("data", "send this body; @FILE sends a file, @- standard input", null)
                        .withAliases("-d"))
                .option(OptionSpec.list("header", "add a header field 'Name: value'; repeatable")
                        .withAliases("-H"))
                .option(OptionSpec.integer("max-redirects", "redirects to follow (0: none)", 5))
                .option(OptionSpec.duration("timeout", "how long to wait for each read", Duration.ofSeconds(30)))
                .applicationProtocols(dev.wirekit.http.client.HttpClient.ALPN_HTTP_1_1)
                .action(new GetCommand())
                .build();
        return CommandSpec.builder("http", "HTTP/1.1 client").subcommand(get).build();
    }
}
