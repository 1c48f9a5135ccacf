package dev.wirekit.scanner;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * One host to scan: an address, and the name it was given by when it was given by name.
 *
 * @param name the host name as given ({@code mail.example.org}), or null for an address literal or
 *     a member of a CIDR range
 * @param address the address every connection goes to
 */
public record Target(String name, InetAddress address) {
    public Target {
        Objects.requireNonNull(address, "address");
    }

    /** The address as text, without brackets: {@code 10.0.0.1}, {@code fd00::1}. */
    public String addressText() {
        return address.getHostAddress();
    }

    /** How reports show it: {@code mail.example.org (192.0.2.7)}, or just the address. */
    public String display() {
        return name == null ? addressText() : name + " (" + addressText() + ")";
    }

    /** {@code host:port} with IPv6 addresses in brackets, for log lines. */
    public String withPort(int port) {
        return (address instanceof Inet6Address ? "[" + addressText() + "]" : addressText()) + ":" + port;
    }

    @Override
    public String toString() {
        return display();
    }
}
