package dev.wirekit.cli;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.spi.CommandContext;
import dev.wirekit.spi.OptionValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/** What a plugin's client command gets: its values, a transport opened on first use, the terminal. */
final class CliContext implements CommandContext, AutoCloseable {
    private final OptionValues values;
    private final Terminal terminal;
    private final Supplier<Transport> transportFactory;
    private final java.util.function.Supplier<TransportOptions> stream;
    private final java.util.function.Supplier<TransportOptions> datagram;
    private Transport transport;

    CliContext(
            OptionValues values,
            Terminal terminal,
            Supplier<Transport> transportFactory,
            java.util.function.Supplier<TransportOptions> stream,
            java.util.function.Supplier<TransportOptions> datagram) {
        this.values = values;
        this.terminal = terminal;
        this.transportFactory = transportFactory;
        this.stream = stream;
        this.datagram = datagram;
    }

    @Override
    public OptionValues values() {
        return values;
    }

    @Override
    public synchronized Transport transport() {
        if (transport == null) {
            transport = transportFactory.get();
        }
        return transport;
    }

    @Override
    public TransportOptions clientOptions() {
        return stream.get();
    }

    @Override
    public TransportOptions datagramClientOptions() {
        return datagram.get();
    }

    @Override
    public InputStream in() {
        return terminal.in;
    }

    @Override
    public PrintStream out() {
        return terminal.out;
    }

    @Override
    public PrintStream err() {
        return terminal.err;
    }

    @Override
    public boolean interactive() {
        return terminal.interactive();
    }

    @Override
    public String readLine(String prompt) throws IOException {
        return terminal.readLine(prompt);
    }

    @Override
    public synchronized void close() {
        if (transport != null) {
            transport.close();
        }
    }
}
