package dev.wirekit.file;

import dev.wirekit.api.TransportOptions;
import dev.wirekit.tls.KeyMaterial;
import dev.wirekit.tls.TlsClientConfig;
import dev.wirekit.tls.TlsLayer;
import dev.wirekit.tls.TlsServerConfig;
import dev.wirekit.tls.Trust;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A throwaway self-signed certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1}
 * (made by wirekit-tls's development certificate generator in a temporary directory) and the
 * server and client options that use it: the client trusts it as a CA, so the chain and the address
 * connected to are both verified. Deleted on close.
 */
final class TlsFixtures implements AutoCloseable {
    private final Path dir;
    private final KeyMaterial material;

    TlsFixtures() throws IOException {
        dir = Files.createTempDirectory("wirekit-file-tls");
        material = KeyMaterial.developmentCertificate(dir, InstantSource.system());
    }

    Path cert() {
        return dir.resolve("cert.pem");
    }

    TransportOptions server() {
        return TransportOptions.builder()
                .layer(TlsLayer.server(TlsServerConfig.builder(material).build()))
                .build();
    }

    TransportOptions client() throws IOException {
        return client(Trust.pem(cert()));
    }

    static TransportOptions client(Trust trust) {
        return TransportOptions.builder()
                .layer(TlsLayer.client(TlsClientConfig.builder().trust(trust).build()))
                .build();
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
