package dev.wirekit.api;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What a security layer (TLS, DTLS) negotiated for one connection.
 *
 * @param protocol the protocol version, for example {@code TLSv1.3}
 * @param cipherSuite the cipher suite's standard name, for example {@code TLS_AES_128_GCM_SHA256}
 * @param peerCertificates the peer's certificate chain, leaf first; empty when the peer sent none
 * @param localCertificates the chain this side presented, leaf first; empty when none
 * @param serverName the SNI host name the client asked for, if any
 * @param applicationProtocol the ALPN protocol agreed, if any
 */
public record SecurityInfo(
        String protocol,
        String cipherSuite,
        List<X509Certificate> peerCertificates,
        List<X509Certificate> localCertificates,
        Optional<String> serverName,
        Optional<String> applicationProtocol) {
    public SecurityInfo {
        peerCertificates = List.copyOf(peerCertificates);
        localCertificates = List.copyOf(localCertificates);
    }
}
