/**
 * A throw-away public-key infrastructure for tests: a root CA, an intermediate CA and leaf
 * certificates of every shape a TLS test needs (valid, expired, not yet valid, wrong host, CN only,
 * wildcard, IP, RSA/EC/Ed25519 keys, chosen extended key usages).
 *
 * <p>Certificates and keys are offered as JDK objects ({@link java.security.cert.X509Certificate},
 * {@link java.security.PrivateKey}), as PEM text and files, and as PKCS#12 key stores, so any TLS
 * implementation can use them, Wirekit's or not. Built with BouncyCastle's bcpkix, independently of
 * the TLS code under test.
 */
package dev.wirekit.testkit.pki;
