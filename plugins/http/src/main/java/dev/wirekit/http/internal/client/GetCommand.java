package dev.wirekit.http.internal.client;

import dev.wirekit.api.TransportOptions;
import dev.wirekit.http.Headers;
import dev.wirekit.http.client.ClientRequest;
import dev.wirekit.http.client.ClientResponse;
import dev.wirekit.http.client.HttpClient;
import dev.wirekit.spi.CommandContext;
import dev.wirekit.spi.CommandSpec;
import dev.wirekit.spi.OptionValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * What {@code wirekit http get} does. Prints the status line and header fields, then an empty
 * line, then the body (or saves the body with {@code -o}). Exits 0 for a response below 400, 1 for
 * an error status, 2 when no response came.
 */
final class GetCommand implements CommandSpec.Action {

    @Override
    public int run(CommandContext ctx) throws Exception {
        OptionValues v = ctx.values();
        ClientRequest request;
        try {
            request = request(v, ctx.in());
        } catch (IllegalArgumentException e) {
            ctx.err().println("error: " + e.getMessage());
            return 2;
        }
        TransportOptions options = ctx.clientOptions();
        HttpClient.Builder builder = HttpClient.builder()
                .transport(ctx.transport())
                .options(options.toBuilder().layers(List.of()).build())
                .maxRedirects(v.integer("max-redirects"))
                .readTimeout(v.duration("timeout"));
        if (!options.layers().isEmpty()) {
            builder.httpsOptions(options); // the CLI's --trust/--insecure/--sni/--cert: for https only
        } // else https trusts the system store and checks the host name, like curl

        try (HttpClient client = builder.build();
                ClientResponse response = client.send(request)) {
            PrintStream out = ctx.out();
            out.print(response.version() + " " + response.status() + " " + response.reason() + "\r\n");
            Headers h = response.headers();
            for (int i = 0; i < h.size(); i++) {
                out.print(h.name(i) + ": " + h.value(i) + "\r\n");
            }
            out.print("\r\n");
            out.flush();
            Path output = v.path("output");
            if (output != null) {
                long n = save(response.body(), output);
                ctx.err().println("saved " + n + " bytes to " + output);
            } else {
                response.body().transferTo(out);
                out.flush();
            }
            return response.status() < 400 ? 0 : 1;
        } catch (IOException e) {
            ctx.err().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 2;
        }
    }

    /** The request the options describe. */
    static ClientRequest request(OptionValues v, InputStream stdin) throws IOException {
        String url = v.string("url");
        if (!url.contains("://")) {
            url = "http://" + url;
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + v.string("url") + "' is not a URL");
        }
        String data = v.string("data");
        String method = v.string("request");
        if (method == null) {
            method = v.flag("head") ? "HEAD" : data != null ? "POST" : "GET";
        }
        ClientRequest.Builder b = ClientRequest.builder(method.toUpperCase(Locale.ROOT), uri);
        boolean typeGiven = false;
        for (String field : v.list("header")) {
            int colon = field.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("a header must look like 'Name: value': " + field);
            }
            String name = field.substring(0, colon).strip();
            b.addHeader(name, field.substring(colon + 1).strip());
            typeGiven |= name.equalsIgnoreCase("Content-Type");
        }
        if (data != null) {
            byte[] body;
            if (data.equals("@-")) {
                body = stdin.readAllBytes();
            } else if (data.startsWith("@")) {
                body = Files.readAllBytes(Path.of(data.substring(1)));
            } else {
                body = data.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            b.body(body);
            if (!typeGiven) {
                b.header("Content-Type", "application/x-www-form-urlencoded");
            }
        }
        return b.build();
    }

    /** Writes the body to a temporary file next to {@code target}, then moves it into place. */
    private static long save(InputStream body, Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, ".wirekit-", ".part");
        try {
            long n;
            try (OutputStream out = Files.newOutputStream(temp)) {
                n = body.transferTo(out);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return n;
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
