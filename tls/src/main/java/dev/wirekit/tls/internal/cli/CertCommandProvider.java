package dev.wirekit.tls.internal.cli;

import dev.wirekit.spi.CommandContext;
import dev.wirekit.spi.CommandProvider;
import dev.wirekit.spi.CommandSpec;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.spi.ParameterSpec;
import dev.wirekit.tls.internal.pki.CertificateGenerator;
import dev.wirekit.tls.internal.pki.DevCertificates;
import dev.wirekit.tls.internal.pki.Pem;
import dev.wirekit.tls.internal.trust.Fingerprints;
import dev.wirekit.tls.internal.trust.HostnameMatcher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code wirekit cert create}: makes a certificate and key (self-signed, a CA, or signed by a CA),
 * the same generator as the development certificate. {@code wirekit cert show}: prints what a
 * certificate file holds, with the fingerprint {@code --trust} pins.
 */
public final class CertCommandProvider implements CommandProvider {

    @Override
    public CommandSpec command() {
        CommandSpec create = CommandSpec.builder(
                        "create", "Create a certificate and private key (self-signed unless --issuer-cert is given)")
                .option(OptionSpec.path("out", "Where to write the certificate chain (PEM)", "cert.pem"))
                .option(OptionSpec.path(
                        "key-out", "Where to write the private key (PEM, PKCS#8, owner-only)", "key.pem"))
                .option(OptionSpec.string("cn", "Subject common name", "localhost"))
                .option(OptionSpec.list(
                        "san",
                        "Subject alternative name: DNS:name, IP:address, or a bare name or address; repeatable"
                                + " (default: the CN, plus 127.0.0.1 and ::1 for localhost)"))
                .option(OptionSpec.integer("days", "Days of validity", 365))
                .option(OptionSpec.choice(
                        "key-type",
                        "Key algorithm",
                        "ec-p256",
                        "ec-p256",
                        "ec-p384",
                        "rsa-2048",
                        "rsa-3072",
                        "ed25519"))
                .option(OptionSpec.flag("ca", "Make a certificate authority (signs other certificates)"))
                .option(OptionSpec.path(
                        "issuer-cert", "Sign with this CA certificate (PEM; its chain may follow)", null))
                .option(OptionSpec.path("issuer-key", "The CA's private key (PEM)", null))
                .option(OptionSpec.flag("force", "Overwrite existing files"))
                .action(CertCommandProvider::create)
                .local()
                .build();
        CommandSpec show = CommandSpec.builder("show", "Show a certificate file: subject, names, validity, fingerprint")
                .parameter(
                        ParameterSpec.optional("file", "PEM certificate file (default: the development certificate)"))
                .action(CertCommandProvider::show)
                .local()
                .build();
        return CommandSpec.builder("cert", "Certificate tools for TLS: create certificates, show them")
                .subcommand(create)
                .subcommand(show)
                .local()
                .build();
    }

    static int create(CommandContext context) throws IOException {
        OptionValues v = context.values();
        PrintStream err = context.err();
        Path out = v.path("out");
        Path keyOut = v.path("key-out");
        if (!v.flag("force")) {
            for (Path p : List.of(out, keyOut)) {
                if (Files.exists(p)) {
                    err.println("wirekit cert create: " + p + " exists; use --force to overwrite it");
                    return 1;
                }
            }
        }
        int days = v.integer("days");
        if (days <= 0) {
            err.println("wirekit cert create: --days must be positive: " + days);
            return 2;
        }
        String cn = v.string("cn");
        List<String> sans = new ArrayList<>(v.list("san"));
        if (sans.isEmpty() && !v.flag("ca")) {
            sans.add(HostnameMatcher.isIpLiteral(cn) ? "IP:" + cn : "DNS:" + cn);
            if (cn.equalsIgnoreCase("localhost")) {
                sans.add("IP:127.0.0.1");
                sans.add("IP:::1");
            }
        }
        CertificateGenerator.Issuer issuer = null;
        Path issuerCert = v.path("issuer-cert");
        Path issuerKey = v.path("issuer-key");
        if ((issuerCert == null) != (issuerKey == null)) {
            err.println("wirekit cert create: --issuer-cert and --issuer-key go together");
            return 2;
        }
        if (issuerCert != null) {
            List<X509Certificate> chain = Pem.readCertificates(issuerCert);
            PrivateKey key = Pem.readPrivateKey(issuerKey, null);
            if (chain.get(0).getBasicConstraints() < 0) {
                err.println("wirekit cert create: " + issuerCert + " is not a CA certificate (make one with --ca)");
                return 2;
            }
            issuer = new CertificateGenerator.Issuer(chain, key);
        }
        CertificateGenerator.Generated made;
        try {
            made = CertificateGenerator.generate(new CertificateGenerator.Request(
                    cn,
                    sans,
                    Instant.now().minus(Duration.ofMinutes(5)),
                    Duration.ofDays(days),
                    CertificateGenerator.KeyType.parse(v.string("key-type")),
                    v.flag("ca"),
                    issuer));
        } catch (IllegalArgumentException e) {
            err.println("wirekit cert create: " + e.getMessage());
            return 2;
        }
        DevCertificates.writeAtomically(keyOut, Pem.privateKey(made.key()), true);
        DevCertificates.writeAtomically(out, Pem.certificates(made.chain()), false);
        X509Certificate c = made.certificate();
        context.out().println("wrote " + out + " and " + keyOut);
        describe(context.out(), c);
        return 0;
    }

    static int show(CommandContext context) throws IOException {
        String file = context.values().string("file");
        Path path = file != null
                ? Path.of(file)
                : DevCertificates.defaultDirectory().resolve(DevCertificates.CERT_FILE);
        List<X509Certificate> chain;
        try {
            chain = Pem.readCertificates(path);
        } catch (IOException e) {
            context.err().println("wirekit cert show: " + e.getMessage());
            return 1;
        }
        for (int i = 0; i < chain.size(); i++) {
            if (i > 0) {
                context.out().println();
            }
            describe(context.out(), chain.get(i));
        }
        return 0;
    }

    static void describe(PrintStream out, X509Certificate c) {
        out.println("  subject:     " + c.getSubjectX500Principal().getName());
        out.println("  issuer:      " + c.getIssuerX500Principal().getName()
                + (c.getSubjectX500Principal().equals(c.getIssuerX500Principal()) ? " (self-signed)" : ""));
        List<String> names = HostnameMatcher.presentedNames(c);
        out.println("  names:       " + (names.isEmpty() ? "(none)" : String.join(", ", names)));
        out.println("  valid:       " + c.getNotBefore().toInstant() + " to "
                + c.getNotAfter().toInstant());
        out.println("  key:         " + c.getPublicKey().getAlgorithm()
                + (c.getBasicConstraints() >= 0 ? ", certificate authority" : ""));
        out.println("  fingerprint: " + Fingerprints.pin(c) + "   (pin it with --trust " + Fingerprints.pin(c) + ")");
    }
}
