package dev.wirekit.api;

/**
 * A snapshot of one server's counters since it started.
 *
 * @param accepted connections (or datagram peers) accepted
 * @param refused connections refused because the server was at {@code maxConnections}
 * @param active connections open now
 * @param bytesRead bytes read from sockets, before layers
 * @param bytesWritten bytes written to sockets, after layers
 * @param messagesReceived messages decoded and handed to the service
 * @param messagesSent messages encoded and queued
 * @param errors connections closed by an error (framing, timeout, I/O, service exception)
 */
public record ServerStats(
        long accepted,
        long refused,
        long active,
        long bytesRead,
        long bytesWritten,
        long messagesReceived,
        long messagesSent,
        long errors) {}
