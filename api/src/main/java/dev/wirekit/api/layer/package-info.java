/**
 * Layers: byte-to-byte transforms between the socket and the framer, such as TLS.
 *
 * <p>For people writing a layer (the {@code wirekit-tls} module is one) and for transports that
 * want to know how layers run. Applications only put a layer into
 * {@link dev.wirekit.api.TransportOptions.Builder#layer}.
 */
package dev.wirekit.api.layer;
