/**
 * The echo plugin: {@link dev.wirekit.echo.EchoService} for embedding, {@code wirekit serve echo} and
 * the {@code wirekit echo} client.
 */
package dev.wirekit.echo;
