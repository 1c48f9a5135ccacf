package dev.wirekit.spi;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;

/** What a running client command gets from the CLI. */
public interface CommandContext {

    /** The command's option and parameter values. */
    OptionValues values();

    /** The transport chosen with {@code --transport}; the CLI closes it when the command ends. */
    Transport transport();

    /** Options for stream connections, with the TLS layer when {@code --tls} was given. */
    TransportOptions clientOptions();

    /** Options for datagram connections, with the DTLS layer when {@code --tls} was given. */
    TransportOptions datagramClientOptions();

    InputStream in();

    PrintStream out();

    PrintStream err();

    /** True when both standard input and output are a terminal: show prompts and progress. */
    boolean interactive();

    /**
     * Reads one line typed by the user, after showing {@code prompt} when interactive; with line
     * editing and history when a terminal is present.
     *
     * @return the line without its ending, or null at the end of input
     */
    String readLine(String prompt) throws IOException;

    /**
     * Parses {@code host:port}, {@code [v6]:port}, or a bare host (then {@code defaultPort}).
     *
     * @throws IllegalArgumentException with a message for the user when it cannot be parsed
     */
    default InetSocketAddress target(String text, int defaultPort) {
        return HostPort.parse(text, defaultPort);
    }
}
