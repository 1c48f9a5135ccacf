/**
 * The service provider interfaces: how transports, services and client commands plug in.
 *
 * <p>For people extending Wirekit. A transport implements {@link dev.wirekit.spi.TransportProvider}
 * and a {@link dev.wirekit.spi.TransportDriver} that moves bytes; a protocol plugin implements
 * {@link dev.wirekit.spi.ServiceProvider} (what {@code wirekit serve} runs) and optionally
 * {@link dev.wirekit.spi.CommandProvider} (its client commands). Each is found with
 * {@link java.util.ServiceLoader}; declare it in {@code module-info.java} and in
 * {@code META-INF/services} so module-path and class-path users both find it.
 */
package dev.wirekit.spi;
