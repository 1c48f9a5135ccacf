package dev.wirekit.scanner;

import java.time.Duration;
import java.util.Objects;

/**
 * What the scan found on one port of one target.
 *
 * @param target the host
 * @param port the TCP port
 * @param state open, closed or filtered
 * @param reason why it got that state, in nmap's words: {@code syn-ack} (the connection was
 *     accepted), {@code conn-refused} (a reset came back), {@code no-response} (nothing came back
 *     before the timeout, after every attempt), {@code host-unreach} / {@code net-unreach} (an ICMP
 *     unreachable), {@code prohibited} (the local system refused to send)
 * @param latency how long the attempt that settled the state took: the connect time of an open port,
 *     the time to the reset of a closed one, the timeout of a filtered one
 * @param attempts how many connection attempts were made (more than one only when the first ones
 *     timed out)
 * @param service what runs there, when the port is open and banners were grabbed (or the port's
 *     usual name is known); else null
 * @param banner what the service sent, when banners were grabbed and it sent something; else null
 * @param tls the TLS certificate and parameters, when the TLS probe got a certificate; else null
 */
public record PortResult(
        Target target,
        int port,
        PortState state,
        String reason,
        Duration latency,
        int attempts,
        ServiceInfo service,
        Banner banner,
        TlsInfo tls) {
    public PortResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(latency, "latency");
    }

    /** {@code host:port}, with an IPv6 address in brackets. */
    public String endpoint() {
        return target.withPort(port);
    }
}
