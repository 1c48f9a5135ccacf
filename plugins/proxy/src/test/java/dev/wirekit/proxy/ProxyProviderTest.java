package dev.wirekit.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.http.testing.Curl;
import dev.wirekit.spi.DeployContext;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.spi.Protocol;
import dev.wirekit.spi.Providers;
import dev.wirekit.spi.ServiceProvider;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyProviderTest {
    @Test
    void theProxyServiceIsFoundAndRunsWithItsOptions() throws Exception {
        Curl.assumeInstalled();
        ServiceProvider provider = Providers.service("proxy");
        assertEquals(3128, provider.defaultPort());
        OptionValues values = OptionValues.parse(
                provider.options(),
                Map.of("allow-destination", List.of("127.0.0.1"), "connect-port", List.of("443", "8443")));
        try (Transport transport = Transport.load("nio");
                Server server = provider.create(values)
                        .start(DeployContext.of(transport, new InetSocketAddress("127.0.0.1", 0), Protocol.TCP))) {
            String proxy = "http://127.0.0.1:" + server.localAddress().getPort();
            Curl.Result r = Curl.run("-s", "-o", "/dev/null", "-w", "%{http_code}", "-x", proxy, proxy + "/");
            assertEquals("508", r.out(), "the proxy asked for itself: a loop");
        }
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> provider.create(OptionValues.parse(provider.options(), Map.of("connect-port", List.of("x")))));
        assertTrue(e.getMessage().contains("--connect-port"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> provider.create(OptionValues.parse(provider.options(), Map.of("allow-client", List.of("nope")))));
    }

    @Test
    void theModuleDescriptorDeclaresTheProvider() throws Exception {
        java.nio.file.Path launcher = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java");
        String modulePath = String.join(
                java.io.File.pathSeparator,
                java.nio.file.Path.of("target", "classes").toAbsolutePath().toString(),
                location(dev.wirekit.http.server.HttpServer.class),
                location(dev.wirekit.spi.ServiceProvider.class));
        Process p = new ProcessBuilder(
                        launcher.toString(), "--module-path", modulePath, "--describe-module", "dev.wirekit.proxy")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(
                out.contains(
                        "provides dev.wirekit.spi.ServiceProvider with dev.wirekit.proxy.internal.ProxyServiceProvider"),
                out);
        assertTrue(out.contains("exports dev.wirekit.proxy"), out);
        assertTrue(!out.contains("exports dev.wirekit.proxy.internal"), out);
    }

    private static String location(Class<?> type) throws Exception {
        return java.nio.file.Path.of(
                        type.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }
}
