package dev.wirekit.tls;

/** Whether a TLS server asks its clients for a certificate (mutual TLS). */
public enum ClientAuth {
    /** No client certificate is requested: the default. */
    NONE,
    /**
     * A client certificate is requested but not required. A client that sends none is accepted; a
     * client that sends one that fails verification is refused (an untrusted identity is worse than
     * none).
     */
    OPTIONAL,
    /** A verified client certificate is required; a client without one is refused. */
    REQUIRED
}
