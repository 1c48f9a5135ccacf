package dev.wirekit.scanner.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The table of service names and their usual ports ({@code services.txt}): data, not code. */
public final class ServiceNames {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static volatile ServiceNames builtIn;

    private final Map<String, List<Integer>> portsByName;
    private final Map<Integer, String> nameByPort;
    private final BitSet tlsPorts;

    private ServiceNames(Map<String, List<Integer>> portsByName, Map<Integer, String> nameByPort, BitSet tlsPorts) {
        this.portsByName = portsByName;
        this.nameByPort = nameByPort;
        this.tlsPorts = tlsPorts;
    }

    /** The table shipped in this module. */
    public static ServiceNames builtIn() {
        ServiceNames table = builtIn;
        if (table == null) {
            try (InputStream in = ServiceNames.class.getResourceAsStream("/dev/wirekit/scanner/services.txt")) {
                if (in == null) {
                    throw new IllegalStateException("services.txt is missing from the scanner module");
                }
                table = parse(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builtIn = table;
        }
        return table;
    }

    /**
     * Parses a table: {@code NAME PORT [tls]} per line, {@code #} starts a comment.
     *
     * @throws IllegalArgumentException with the line number and what is wrong
     */
    public static ServiceNames parse(Reader source) throws IOException {
        Map<String, List<Integer>> byName = new LinkedHashMap<>();
        Map<Integer, String> byPort = new HashMap<>();
        BitSet tls = new BitSet(65_536);
        BufferedReader lines = new BufferedReader(source);
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (content.isEmpty()) {
                continue;
            }
            String[] fields = content.split("\\s+");
            if (fields.length < 2 || fields.length > 3 || (fields.length == 3 && !fields[2].equals("tls"))) {
                throw new IllegalArgumentException("services line " + number + ": expected NAME PORT [tls]: " + line);
            }
            if (!NAME.matcher(fields[0]).matches()) {
                throw new IllegalArgumentException("services line " + number + ": '" + fields[0]
                        + "' is not a service name (lower-case letters, digits, '-')");
            }
            int port;
            try {
                port = Integer.parseInt(fields[1]);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65_535 || !fields[1].matches("[0-9]{1,5}")) {
                throw new IllegalArgumentException(
                        "services line " + number + ": '" + fields[1] + "' is not a port number 1-65535");
            }
            byName.computeIfAbsent(fields[0], k -> new ArrayList<>()).add(port);
            byPort.putIfAbsent(port, fields[0]);
            if (fields.length == 3) {
                tls.set(port);
            }
        }
        Map<String, List<Integer>> frozen = new LinkedHashMap<>();
        byName.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return new ServiceNames(frozen, byPort, tls);
    }

    /** The ports called {@code name}; empty when the name is unknown. */
    public List<Integer> ports(String name) {
        return portsByName.getOrDefault(name, List.of());
    }

    /** The usual name of {@code port}, if it has one. */
    public Optional<String> name(int port) {
        return Optional.ofNullable(nameByPort.get(port));
    }

    /** Whether {@code port} usually speaks TLS first. */
    public boolean usuallyTls(int port) {
        return port >= 0 && port < 65_536 && tlsPorts.get(port);
    }

    /** Every name, in table order. */
    public List<String> names() {
        return List.copyOf(portsByName.keySet());
    }
}
