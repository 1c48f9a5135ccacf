package dev.wirekit.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.http.testing.ServerFixture;
import dev.wirekit.http.testing.TestCommandContext;
import dev.wirekit.http.testing.TestSite;
import dev.wirekit.http.testing.Tools;
import dev.wirekit.spi.CommandProvider;
import dev.wirekit.spi.CommandSpec;
import dev.wirekit.spi.DeployContext;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.spi.Protocol;
import dev.wirekit.spi.Providers;
import dev.wirekit.spi.ServiceProvider;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The {@code http} service and the {@code http get} command, found the way the CLI finds them. */
class ProvidersTest {

    @Test
    void theServiceIsFoundAndServesADirectoryWithAnAccessLog() throws Exception {
        ServiceProvider provider = Providers.service("http");
        assertEquals(8080, provider.defaultPort());
        try (TestSite site = new TestSite();
                Transport transport = Transport.load("nio")) {
            Path log = site.root().getParent().resolve("access.log");
            Map<String, Object> raw = new HashMap<>();
            raw.put("root", site.root().toString());
            raw.put("listing", "true");
            raw.put("access-log", log.toString());
            OptionValues values = OptionValues.parse(provider.options(), raw);
            try (Server server = provider.create(values)
                    .start(DeployContext.of(transport, new InetSocketAddress("127.0.0.1", 0), Protocol.TCP))) {
                try (dev.wirekit.http.client.HttpClient client = dev.wirekit.http.client.HttpClient.builder()
                                .transport(transport)
                                .build();
                        var r = client.get(
                                "http://127.0.0.1:" + server.localAddress().getPort() + "/docs/")) {
                    assertEquals(200, r.status());
                    assertTrue(r.bodyText().contains("readme.md"));
                }
            }
            List<String> lines = Files.readAllLines(log);
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).contains("\"GET /docs/ HTTP/1.1\" 200 "), lines.get(0));
        }
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> provider.create(OptionValues.parse(provider.options(), Map.of("root", "/no/such/dir"))));
        assertTrue(e.getMessage().contains("/no/such/dir"), e.getMessage());
    }

    private static CommandSpec get() {
        CommandProvider provider = Providers.discover(CommandProvider.class).providers().stream()
                .filter(p -> p.command().name().equals("http"))
                .findFirst()
                .orElseThrow();
        return provider.command().subcommands().stream()
                .filter(c -> c.name().equals("get"))
                .findFirst()
                .orElseThrow();
    }

    private static TestCommandContext run(ServerFixture f, byte[] stdin, String... args) throws Exception {
        CommandSpec get = get();
        Map<String, Object> raw = new HashMap<>();
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            if (args[i].equals("header")) {
                headers.add(args[i + 1]);
            } else {
                raw.put(args[i], args[i + 1]);
            }
        }
        if (!headers.isEmpty()) {
            raw.put("header", headers);
        }
        TestCommandContext ctx = new TestCommandContext(OptionValues.parse(get.options(), raw), f.transport, stdin);
        return ctx.exit(get.action().run(ctx));
    }

    @Test
    void theGetCommandPrintsSavesPostsAndReportsErrors() throws Exception {
        CommandSpec get = get();
        assertTrue(get.network());
        assertTrue(get.options().stream()
                .map(OptionSpec::aliases)
                .flatMap(List::stream)
                .toList()
                .containsAll(List.of("-o", "-I", "-X", "-d", "-H")));
        try (TestSite site = new TestSite();
                ServerFixture f = ServerFixture.start("nio", site)) {
            TestCommandContext plain = run(f, new byte[0], "url", f.url("/hello.txt"));
            assertEquals(0, plain.exit());
            assertTrue(plain.outText().startsWith("HTTP/1.1 200 OK\r\n"), plain.outText());
            assertTrue(plain.outText().contains("\r\nContent-Length: 13\r\n"), plain.outText());
            assertTrue(plain.outText().endsWith("\r\n\r\n" + TestSite.HELLO), plain.outText());

            Path saved = site.root().getParent().resolve("saved.bin");
            TestCommandContext save = run(f, new byte[0], "url", f.url("/data.bin"), "output", saved.toString());
            assertArrayEquals(site.data(), Files.readAllBytes(saved));
            assertTrue(save.errText().contains("saved 100000 bytes"), save.errText());
            assertTrue(save.outText().endsWith("\r\n\r\n"), "no body printed with -o");

            TestCommandContext head = run(f, new byte[0], "url", f.url("/data.bin"), "head", "true");
            assertTrue(head.outText().contains("Content-Length: 100000"), head.outText());
            assertTrue(head.outText().endsWith("\r\n\r\n"), head.outText());

            TestCommandContext form = run(f, new byte[0], "url", f.url("/form"), "data", "a=1&b=2");
            assertTrue(form.outText().endsWith("a=[1]\nb=[2]\n"), form.outText());

            TestCommandContext echo = run(
                    f,
                    "from stdin".getBytes(StandardCharsets.UTF_8),
                    "url",
                    f.url("/echo"),
                    "request",
                    "post",
                    "data",
                    "@-",
                    "header",
                    "Content-Type: text/plain",
                    "header",
                    "X-Extra: 1");
            assertTrue(echo.outText().endsWith("from stdin"), echo.outText());

            TestCommandContext missing = run(f, new byte[0], "url", f.url("/missing"));
            assertEquals(1, missing.exit());
            assertTrue(missing.outText().startsWith("HTTP/1.1 404 "), missing.outText());

            TestCommandContext refused = run(f, new byte[0], "url", "http://127.0.0.1:1/");
            assertEquals(2, refused.exit());
            assertTrue(refused.errText().startsWith("error: "), refused.errText());

            TestCommandContext badHeader = run(f, new byte[0], "url", f.url("/"), "header", "no colon");
            assertEquals(2, badHeader.exit());
        }
    }

    @Test
    void theModuleDescriptorDeclaresBothProviders() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path classes = Path.of("target", "classes").toAbsolutePath();
        String apiClasses = Path.of(dev.wirekit.spi.ServiceProvider.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        Process p = new ProcessBuilder(
                        java.toString(),
                        "--module-path",
                        classes + File.pathSeparator + apiClasses,
                        "--describe-module",
                        "dev.wirekit.http")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(
                out.contains(
                        "provides dev.wirekit.spi.ServiceProvider with dev.wirekit.http.internal.server.HttpServiceProvider"),
                out);
        assertTrue(
                out.contains(
                        "provides dev.wirekit.spi.CommandProvider with dev.wirekit.http.internal.client.HttpCommandProvider"),
                out);
        assertTrue(out.contains("exports dev.wirekit.http.client"), out);
        assertTrue(!out.contains("exports dev.wirekit.http.internal"), out);
        assertTrue(Tools.installed("java") || Files.isExecutable(java));
    }
}
