package dev.wirekit.scanner;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a host name into addresses, before anything is sent. The system resolver by default; tests
 * and applications with their own name service supply another.
 */
@FunctionalInterface
public interface HostResolver {

    /**
     * The addresses of {@code host}, best first.
     *
     * @throws UnknownHostException when the name has no address
     */
    InetAddress[] resolve(String host) throws UnknownHostException;

    /** The operating system's resolver ({@link InetAddress#getAllByName(String)}). */
    static HostResolver system() {
        return InetAddress::getAllByName;
    }
}
