package dev.wirekit.tls.internal;

import dev.wirekit.api.layer.LayerContext;
import dev.wirekit.tls.CertificateVerificationException;
import dev.wirekit.tls.KeyMaterial;
import dev.wirekit.tls.TlsFailure;
import dev.wirekit.tls.Trust;
import dev.wirekit.tls.internal.trust.HostnameMatcher;
import java.io.IOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.AbstractTlsClient;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CertificateStatusRequest;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;

/**
 * The client side of one handshake: offers our versions, suites, groups, SNI and ALPN; verifies the
 * server's chain (trust, then RFC 6125 host name) and records typed failures; answers certificate
 * requests with the configured client certificate.
 */
final class ClientPeer extends AbstractTlsClient {
    private final ClientSide side;
    private final boolean dtls;
    private final String expectedHost;
    private final String sniName;
    final Handshake hs = new Handshake();

    ClientPeer(ClientSide side, boolean dtls, LayerContext context) {
        super(side.crypto);
        this.side = side;
        this.dtls = dtls;
        this.expectedHost = side.config
                .serverName()
                .or(context::serverName)
                .orElse(context.remoteAddress().getAddress().getHostAddress());
        this.sniName = side.config.sendServerName() && !HostnameMatcher.isIpLiteral(expectedHost)
                ? sniForm(expectedHost)
                : null;
        hs.serverName = sniName;
    }

    private static String sniForm(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        try {
            return IDN.toASCII(h);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return dtls ? ProtocolVersion.DTLSv12.only() : side.versions;
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return dtls ? side.dtlsSuites : side.suites;
    }

    @Override
    protected Vector<Integer> getSupportedGroups(Vector namedGroupRoles) {
        Vector<Integer> v = new Vector<>();
        for (int g : side.groups) {
            v.add(g);
        }
        return v;
    }

    @Override
    public Vector<Integer> getEarlyKeyShareGroups() {
        return TlsUtils.vectorOfOne(side.groups[0]);
    }

    @Override
    protected Vector<ServerName> getSNIServerNames() {
        if (sniName == null) {
            return null;
        }
        return TlsUtils.vectorOfOne(new ServerName(NameType.host_name, sniName.getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    protected Vector<ProtocolName> getProtocolNames() {
        return side.alpn;
    }

    @Override
    protected Vector<SignatureAndHashAlgorithm> getSupportedSignatureAlgorithms() {
        return Credentials.verifiable();
    }

    @Override
    protected CertificateStatusRequest getCertificateStatusRequest() {
        return null; // OCSP stapling is not verified, so it is not asked for
    }

    @Override
    public int getHandshakeResendTimeMillis() {
        return (int) Math.min(
                Integer.MAX_VALUE,
                side.config.datagramSettings().retransmitTimeout().toMillis());
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                verifyServer(Crypto.chain(side.crypto, serverCertificate.getCertificate()));
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                return clientCredentials(request);
            }
        };
    }

    private void verifyServer(List<X509Certificate> chain) throws IOException {
        hs.peerChain = List.copyOf(chain);
        try {
            if (chain.isEmpty()) {
                throw new CertificateVerificationException(
                        TlsFailure.BAD_CERTIFICATE, "the server sent no certificate", "bad_certificate", chain, null);
            }
            Trust.Outcome outcome = side.config
                    .trust()
                    .verify(chain, Trust.PeerRole.SERVER, side.config.clock().instant());
            if (outcome == Trust.Outcome.CHAIN_VERIFIED && side.config.verifyHostname()) {
                HostnameMatcher.verify(expectedHost, chain.get(0), chain);
            }
        } catch (CertificateVerificationException e) {
            hs.fail(e);
            throw new TlsFatalAlert(Alerts.code(e.alert().orElse("bad_certificate")), e.getMessage());
        }
    }

    private TlsCredentials clientCredentials(CertificateRequest request) {
        KeyMaterial material = side.config.keyMaterial().orElse(null);
        if (material == null) {
            return null;
        }
        KeyMaterial.Snapshot s = material.current();
        boolean tls13 = TlsUtils.isTLSv13(context);
        TlsCredentials signer = Credentials.signer(
                context,
                side.crypto,
                s,
                tls13,
                request.getSupportedSignatureAlgorithms(),
                request.getCertificateRequestContext());
        if (signer == null) {
            ServerSide.LOG.log(
                    System.Logger.Level.WARNING,
                    "the server asked for a client certificate, but accepts no signature our "
                            + s.privateKey().getAlgorithm() + " key can make: sending none");
            return null;
        }
        hs.localChain = s.chain();
        return signer;
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        Alerts.raised(hs, alertLevel, alertDescription, message, cause);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        Alerts.received(hs, alertLevel, alertDescription);
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        hs.complete = true;
        hs.security = Alerts.security(context, side.crypto, hs);
    }
}
