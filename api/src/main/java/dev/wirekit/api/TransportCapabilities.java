package dev.wirekit.api;

/**
 * What a transport supports beyond the rules every transport must pass. The testkit skips the rules
 * for a capability a transport does not claim, saying so.
 *
 * @param halfClose a connection can shut down its output and go on reading
 * @param zeroCopyFileTransfer files are sent from the file system to the socket without a copy
 *     through the JVM
 * @param datagrams UDP is supported
 * @param maxDatagramSize the largest datagram payload it sends and receives
 * @param eventLoop inbound bytes are delivered on shared event-loop threads (NIO style) rather
 *     than on a thread per connection
 */
public record TransportCapabilities(
        boolean halfClose, boolean zeroCopyFileTransfer, boolean datagrams, int maxDatagramSize, boolean eventLoop) {}
