package dev.wirekit.dns.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of resolv.conf(5) a stub resolver uses: {@code nameserver} lines and the
 * {@code timeout:N}, {@code attempts:N} and {@code rotate} options. Search domains are not applied:
 * names are always taken as absolute, as {@code dig} does.
 *
 * @param servers the name servers, port 53; 127.0.0.1 when the file names none (as glibc does)
 * @param timeout the time to wait for each server
 * @param attempts how many rounds over the servers
 * @param rotate whether to start each query at the next server
 */
public record ResolvConf(List<InetSocketAddress> servers, Duration timeout, int attempts, boolean rotate) {
    /** The standard location. */
    public static final Path DEFAULT_PATH = Path.of("/etc/resolv.conf");

    private static final int PORT = 53;
    private static final long MAX_BYTES = 1 << 20;

    public ResolvConf {
        servers = List.copyOf(servers);
    }

    /** What glibc assumes without a file: the local host, 5 s, 2 attempts. */
    public static ResolvConf defaults() {
        return new ResolvConf(
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT)),
                Duration.ofSeconds(5),
                2,
                false);
    }

    /** Reads {@code file}; a missing file gives {@link #defaults()}. */
    public static ResolvConf load(Path file) throws IOException {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IOException(file + " is over " + MAX_BYTES + " bytes; not a resolv.conf");
            }
            return parse(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (NoSuchFileException e) {
            return defaults();
        }
    }

    /** Parses resolv.conf text; lines it does not understand are skipped, as glibc skips them. */
    public static ResolvConf parse(String text) {
        List<InetSocketAddress> servers = new ArrayList<>();
        Duration timeout = Duration.ofSeconds(5);
        int attempts = 2;
        boolean rotate = false;
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            String[] words = line.split("[ \t]+");
            switch (words[0]) {
                case "nameserver" -> {
                    if (words.length >= 2) {
                        InetAddress a = IpLiterals.parse(words[1]);
                        if (a != null) {
                            servers.add(new InetSocketAddress(a, PORT));
                        }
                    }
                }
                case "options" -> {
                    for (int i = 1; i < words.length; i++) {
                        String w = words[i];
                        if (w.equals("rotate")) {
                            rotate = true;
                        } else if (w.startsWith("timeout:")) {
                            int n = number(w.substring(8), 1, 30);
                            if (n > 0) {
                                timeout = Duration.ofSeconds(n);
                            }
                        } else if (w.startsWith("attempts:")) {
                            int n = number(w.substring(9), 1, 5);
                            if (n > 0) {
                                attempts = n;
                            }
                        }
                    }
                }
                default -> {
                    // search, domain, sortlist...: not used by this resolver
                }
            }
        }
        if (servers.isEmpty()) {
            servers.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT));
        }
        return new ResolvConf(servers, timeout, attempts, rotate);
    }

    /** {@code text} as a number capped to [min, max] (glibc caps rather than refuses), or -1. */
    private static int number(String text, int min, int max) {
        if (text.isEmpty() || text.length() > 6 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Math.max(min, Math.min(max, Integer.parseInt(text)));
    }
}
