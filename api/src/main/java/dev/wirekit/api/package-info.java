/**
 * The Wirekit API: transports, sessions, services and connections.
 *
 * <p>For application developers embedding a server or a client. Start with
 * {@link dev.wirekit.api.Transport#load()}, then either serve messages with a
 * {@link dev.wirekit.api.Service} over a {@link dev.wirekit.api.framing.Framer}, or talk bytes
 * through a {@link dev.wirekit.api.Connection}. Everything that holds a socket or a thread is
 * {@link java.lang.AutoCloseable}.
 */
package dev.wirekit.api;
