/**
 * TLS 1.3/1.2 and DTLS 1.2 for every Wirekit transport, as {@link dev.wirekit.api.layer.Layer}s.
 *
 * <p>For applications: build a {@link dev.wirekit.tls.TlsServerConfig} or
 * {@link dev.wirekit.tls.TlsClientConfig} (certificates from {@link dev.wirekit.tls.KeyMaterial},
 * peers checked by a {@link dev.wirekit.tls.Trust}), turn it into a layer with
 * {@link dev.wirekit.tls.TlsLayer} (streams) or {@link dev.wirekit.tls.DtlsLayer} (datagrams), and put
 * the layer into {@link dev.wirekit.api.TransportOptions}. Command-line front ends use
 * {@link dev.wirekit.tls.TlsSettings}, which turns {@code --tls --cert --key --trust --client-auth
 * --insecure} into those layers.
 *
 * <p>Failures are {@link dev.wirekit.tls.TlsException}s carrying a {@link dev.wirekit.tls.TlsFailure}.
 * Everything else in this module is implementation.
 */
package dev.wirekit.tls;
