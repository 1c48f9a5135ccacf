package dev.wirekit.http.testing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * nginx with its ssl module (Debian package {@code nginx-light}) serving {@code root} over https on
 * a free loopback port with a {@link TestCertificate}: an {@link Nginx} with an ssl server block;
 * stopped on close. Skip with {@link Nginx#assumeInstalled()}.
 */
public final class NginxTls implements AutoCloseable {
    private final Nginx nginx;

    private NginxTls(Nginx nginx) {
        this.nginx = nginx;
    }

    public static NginxTls start(Path root, TestCertificate certificate) throws IOException, InterruptedException {
        return new NginxTls(Nginx.startWith(port -> """
                server {
                    listen 127.0.0.1:%d ssl;
                    server_name localhost;
                    ssl_certificate %s;
                    ssl_certificate_key %s;
                    ssl_protocols TLSv1.2 TLSv1.3;
                    root %s;
                    location = /redirect-to-http { return 302 http://localhost:1/; }
                }
                """.formatted(port, certificate.cert(), certificate.key(), root)));
    }

    /** An https URL naming {@code localhost}, the name in the certificate. */
    public String url(String path) {
        return "https://localhost:" + nginx.port() + path;
    }

    @Override
    public void close() throws IOException {
        nginx.close();
    }
}
