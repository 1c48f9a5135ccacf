package dev.wirekit.tls.internal;

import dev.wirekit.tls.CertificateVerificationException;
import dev.wirekit.tls.ClientAuth;
import dev.wirekit.tls.ClientCertificateRequiredException;
import dev.wirekit.tls.KeyMaterial;
import dev.wirekit.tls.NegotiationException;
import dev.wirekit.tls.TlsFailure;
import dev.wirekit.tls.Trust;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Hashtable;
import java.util.List;
import java.util.Vector;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.tls.AbstractTlsServer;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;

/**
 * The server side of one handshake, in BouncyCastle's terms: picks versions, suites, groups, the
 * certificate (by SNI and by what the client can verify), requests and verifies client
 * certificates, and records typed failures for the engine.
 */
final class ServerPeer extends AbstractTlsServer {
    private final ServerSide side;
    private final boolean dtls;
    final Handshake hs = new Handshake();

    ServerPeer(ServerSide side, boolean dtls) {
        super(side.crypto);
        this.side = side;
        this.dtls = dtls;
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
    public int[] getSupportedGroups() {
        return side.groups;
    }

    @Override
    protected boolean preferLocalCipherSuites() {
        return true;
    }

    @Override
    public boolean preferLocalSupportedGroups() {
        return true;
    }

    @Override
    protected Vector<ProtocolName> getProtocolNames() {
        return side.alpn;
    }

    @Override
    public int getHandshakeResendTimeMillis() {
        return (int) Math.min(
                Integer.MAX_VALUE,
                side.config.datagramSettings().retransmitTimeout().toMillis());
    }

    @Override
    protected int selectECDH(int minimumCurveBits) {
        int[] offered = context.getSecurityParametersHandshake().getClientSupportedGroups();
        for (int ours : side.groups) {
            if (offered == null || org.bouncycastle.util.Arrays.contains(offered, ours)) {
                return ours;
            }
        }
        return -1;
    }

    @Override
    protected int selectDH(int minimumFiniteFieldBits) {
        return -1; // finite-field DH is never enabled
    }

    // ---- negotiation failures, typed -------------------------------------------------------

    @Override
    public ProtocolVersion getServerVersion() throws IOException {
        try {
            return super.getServerVersion();
        } catch (TlsFatalAlert e) {
            StringBuilder offered = new StringBuilder();
            for (ProtocolVersion v : context.getClientSupportedVersions()) {
                offered.append(offered.isEmpty() ? "" : ", ").append(Crypto.protocolName(v));
            }
            hs.fail(new NegotiationException(
                    TlsFailure.NO_COMMON_PROTOCOL,
                    "the client offers only " + offered + "; this server enables "
                            + (dtls ? "DTLSv1.2" : side.enabledProtocols),
                    "protocol_version"));
            throw e;
        }
    }

    @Override
    public int getSelectedCipherSuite() throws IOException {
        try {
            return super.getSelectedCipherSuite();
        } catch (TlsFatalAlert e) {
            if (hs.failure == null) {
                StringBuilder offered = new StringBuilder();
                for (int s : offeredCipherSuites) {
                    if (CipherSuites.byCode(s) != null) {
                        offered.append(offered.isEmpty() ? "" : ", ").append(CipherSuites.name(s));
                    }
                }
                hs.fail(new NegotiationException(
                        TlsFailure.NO_COMMON_CIPHER_SUITE,
                        "no cipher suite in common with the client for "
                                + Crypto.protocolName(context.getServerVersion())
                                + " (it offers " + offeredCipherSuites.length + " suites"
                                + (offered.isEmpty() ? ", none of ours" : ", ours among them: " + offered)
                                + "; our certificate's key must also suit one of them and the client's signature"
                                + " algorithms); this server enables " + side.config.cipherSuites(),
                        "handshake_failure"));
            }
            throw e;
        }
    }

    @Override
    protected ProtocolName selectProtocolName() throws IOException {
        try {
            return super.selectProtocolName();
        } catch (TlsFatalAlert e) {
            hs.fail(new NegotiationException(
                    TlsFailure.NO_COMMON_APPLICATION_PROTOCOL,
                    "the client offers ALPN protocols this server does not speak; it speaks "
                            + side.config.applicationProtocols(),
                    "no_application_protocol"));
            throw e;
        }
    }

    // ---- SNI and credentials ---------------------------------------------------------------

    @Override
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        Vector<?> names = context.getSecurityParametersHandshake().getClientServerNames();
        if (names != null) {
            for (Object o : names) {
                ServerName name = (ServerName) o;
                if (name.getNameType() == NameType.host_name) {
                    hs.serverName = new String(name.getNameData(), StandardCharsets.US_ASCII);
                    break;
                }
            }
        }
    }

    @Override
    protected boolean isSelectableCipherSuite(
            int cipherSuite, int availCurveBits, int availFiniteFieldBits, Vector sigAlgs) {
        if (!super.isSelectableCipherSuite(cipherSuite, availCurveBits, availFiniteFieldBits, sigAlgs)) {
            return false;
        }
        CipherSuites.Suite suite = CipherSuites.byCode(cipherSuite);
        if (suite == null || suite.auth() == CipherSuites.Auth.ANY) {
            return suite != null;
        }
        Vector<?> clientSigAlgs = context.getSecurityParametersHandshake().getClientSigAlgs();
        for (KeyMaterial.Snapshot s : side.candidates(hs.serverName)) {
            if (Credentials.auth(s.privateKey()) == suite.auth()
                    && Credentials.choose(s.privateKey(), false, clientSigAlgs) != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        if (hs.serverName != null) {
            TlsExtensionsUtils.addServerNameExtensionServer(extensions); // RFC 6066 3: the name was used
        }
        return extensions;
    }

    @Override
    public TlsCredentials getCredentials() throws IOException {
        boolean tls13 = TlsUtils.isTLSv13(context);
        Vector<?> clientSigAlgs = context.getSecurityParametersHandshake().getClientSigAlgs();
        CipherSuites.Suite suite =
                CipherSuites.byCode(context.getSecurityParametersHandshake().getCipherSuite());
        for (KeyMaterial.Snapshot s : side.candidates(hs.serverName)) {
            if (!tls13
                    && suite != null
                    && suite.auth() != CipherSuites.Auth.ANY
                    && Credentials.auth(s.privateKey()) != suite.auth()) {
                continue;
            }
            TlsCredentialedSigner signer = Credentials.signer(context, side.crypto, s, tls13, clientSigAlgs, null);
            if (signer != null) {
                hs.localChain = s.chain();
                return signer;
            }
        }
        hs.fail(new NegotiationException(
                TlsFailure.NO_COMMON_CIPHER_SUITE,
                "the client accepts none of the signature schemes our certificate's key can make",
                "handshake_failure"));
        throw new TlsFatalAlert(AlertDescription.handshake_failure);
    }

    // ---- client certificates ---------------------------------------------------------------

    @Override
    public CertificateRequest getCertificateRequest() throws IOException {
        if (side.config.clientAuth() == ClientAuth.NONE) {
            return null;
        }
        Vector<X500Name> authorities = null;
        List<X500Principal> issuers = side.clientTrust().acceptedIssuers();
        if (!issuers.isEmpty()) {
            authorities = new Vector<>();
            for (X500Principal p : issuers) {
                authorities.add(X500Name.getInstance(p.getEncoded()));
            }
        }
        if (TlsUtils.isTLSv13(context)) {
            return new CertificateRequest(TlsUtils.EMPTY_BYTES, Credentials.verifiable(), null, authorities);
        }
        return new CertificateRequest(
                new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                Credentials.verifiable(),
                authorities);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        List<X509Certificate> chain = Crypto.chain(side.crypto, clientCertificate);
        if (chain.isEmpty()) {
            if (side.config.clientAuth() == ClientAuth.REQUIRED) {
                boolean tls13 = TlsUtils.isTLSv13(context);
                hs.fail(new ClientCertificateRequiredException(
                        "the client sent no certificate, and this server requires one (client auth REQUIRED)",
                        tls13 ? "certificate_required" : "handshake_failure"));
                throw new TlsFatalAlert(
                        tls13 ? AlertDescription.certificate_required : AlertDescription.handshake_failure);
            }
            return;
        }
        hs.peerChain = List.copyOf(chain);
        try {
            side.clientTrust()
                    .verify(chain, Trust.PeerRole.CLIENT, side.config.clock().instant());
        } catch (CertificateVerificationException e) {
            hs.fail(new CertificateVerificationException(
                    e.failure(),
                    "client certificate refused: " + e.getMessage(),
                    e.alert().orElse(null),
                    e.chain(),
                    e.getCause()));
            throw new TlsFatalAlert(Alerts.code(e.alert().orElse("bad_certificate")));
        }
    }

    // ---- notifications ---------------------------------------------------------------------

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
