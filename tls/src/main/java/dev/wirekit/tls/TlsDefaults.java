package dev.wirekit.tls;

import java.util.List;

/**
 * The defaults every TLS and DTLS configuration starts from, and the full lists of what can be
 * enabled. They follow the Mozilla "intermediate" and RFC 9325 recommendations, narrowed to what is
 * safe without exceptions:
 *
 * <ul>
 *   <li><b>Protocols:</b> TLS 1.3 and TLS 1.2 (DTLS 1.2 for datagrams). Nothing older exists here.
 *   <li><b>Key exchange:</b> ephemeral elliptic-curve Diffie-Hellman only (forward secrecy); no RSA
 *       key transport, no finite-field DH, no static DH.
 *   <li><b>Ciphers:</b> AEAD only. AES-GCM first, because the JDK runs it with AES-NI and CLMUL
 *       intrinsics on every common CPU; ChaCha20-Poly1305 for peers without AES hardware. No CBC,
 *       no RC4, no 3DES, no NULL, no export, no anonymous suites.
 *   <li><b>Groups:</b> X25519 first (fast, misuse-resistant), then P-256 and P-384 for peers that
 *       need NIST curves.
 * </ul>
 *
 * <p>A configuration may reorder or narrow these lists; it may not add anything outside the
 * {@code SUPPORTED_*} lists.
 */
public final class TlsDefaults {
    private TlsDefaults() {}

    /** TLS 1.3 first. */
    public static final List<TlsVersion> PROTOCOLS = List.of(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2);

    /** The TLS 1.3 suites, then the TLS 1.2 ECDHE AEAD suites, in order of preference. */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    /** Everything that may be enabled: the defaults are all of them. */
    public static final List<String> SUPPORTED_CIPHER_SUITES = CIPHER_SUITES;

    /** Key exchange groups, in order of preference. */
    public static final List<String> NAMED_GROUPS = List.of("x25519", "secp256r1", "secp384r1");

    /** Every group that may be enabled. */
    public static final List<String> SUPPORTED_NAMED_GROUPS = List.of("x25519", "secp256r1", "secp384r1", "x448");
}
