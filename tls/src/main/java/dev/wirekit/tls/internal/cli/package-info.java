/** The {@code wirekit cert} command. Not exported; found through {@link dev.wirekit.spi.CommandProvider}. */
package dev.wirekit.tls.internal.cli;
