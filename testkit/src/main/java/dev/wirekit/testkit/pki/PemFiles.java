package dev.wirekit.testkit.pki;

import java.nio.file.Path;

/**
 * Where {@link Issued#writePem} put a certificate's files.
 *
 * @param certificateChain the chain as PEM, leaf first (what servers load as their certificate file)
 * @param privateKey the unencrypted PKCS#8 private key as PEM ({@code BEGIN PRIVATE KEY})
 */
public record PemFiles(Path certificateChain, Path privateKey) {}
