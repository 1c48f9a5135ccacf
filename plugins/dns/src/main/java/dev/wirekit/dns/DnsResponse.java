package dev.wirekit.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * A response as the resolver received it: the message and where, how and how fast it came.
 *
 * @param message the decoded response
 * @param server the server that sent it
 * @param tcp true when it came over TCP (asked for, or a retry after a truncated UDP answer)
 * @param elapsed the time from sending the query to receiving this response
 * @param size the response's size in bytes
 */
public record DnsResponse(DnsMessage message, InetSocketAddress server, boolean tcp, Duration elapsed, int size) {
    public DnsResponse {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
