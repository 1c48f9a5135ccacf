package dev.wirekit.scanner.internal;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts whatever certificate chain a server presents, and keeps it: the scanner reads
 * certificates, it never trusts them, and nothing but probe bytes travel over these sessions.
 */
final class CertificateCapture extends X509ExtendedTrustManager {
    private volatile X509Certificate[] chain;

    X509Certificate[] chain() {
        return chain;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType, SSLEngine engine) {
        chain = presented.clone();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType, Socket socket) {
        chain = presented.clone();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType) {
        chain = presented.clone();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String authType, SSLEngine engine) {
        throw new UnsupportedOperationException("the scanner is never a TLS server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String authType, Socket socket) {
        throw new UnsupportedOperationException("the scanner is never a TLS server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String authType) {
        throw new UnsupportedOperationException("the scanner is never a TLS server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
