package dev.wirekit.scanner.internal;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells at once whether a port refuses connections, straight through the system's socket calls:
 * one {@code socket}, one non-blocking {@code connect}, at most one {@code getsockopt} for the
 * error, one {@code close}, and no exception. Over loopback and virtual links (network
 * namespaces, containers) the peer's reset has been processed before {@code connect} returns, so a
 * full scan of such a host settles almost every port here, at about three quarters of the cost of
 * the portable path (the JDK's channel set-up makes three more system calls per socket, and
 * reports every refusal as an exception with a stack trace).
 *
 * <p>Only a refusal known at once is settled here; anything else (open, no answer yet, any other
 * error) goes through the transport as before, which also keeps the connection of an open port.
 *
 * <p>Available on Linux (x86-64, AArch64) with Java 22 or newer when native access is enabled for
 * the scanner ({@code --enable-native-access=ALL-UNNAMED}, or {@code =dev.wirekit.scanner} on the
 * module path; the {@code wirekit} launcher does this). Elsewhere {@link #forThisPlatform()} is
 * empty and the scanner uses the transport only.
 */
public interface RefusalProbe {

    /** Whether connecting to {@code address}:{@code port} was refused before {@code connect} returned. */
    boolean refusedAtOnce(InetAddress address, int port);

    /** The probe for this platform, if it has one and it may be used. */
    static Optional<RefusalProbe> forThisPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (Runtime.version().feature() < 22
                || !os.startsWith("linux")
                || !(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))) {
            return Optional.empty();
        }
        try {
            // Compiled for Java 22 (the foreign function API) into the jar's META-INF/versions/22,
            // and loaded only here, on 22 or newer.
            Class<?> type;
            try {
                type = Class.forName(NATIVE);
            } catch (ClassNotFoundException e) {
                type = defineVersioned(); // classes in a directory (tests, IDEs) are not versioned
            }
            Object probe = type.getMethod("create").invoke(null);
            return Optional.ofNullable((RefusalProbe) probe);
        } catch (ReflectiveOperationException | LinkageError | java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The name of the Java 22 implementation. */
    String NATIVE = "dev.wirekit.scanner.internal.NativeRefusalProbe";

    /** Defines the implementation from the versioned class file next to this one. */
    private static Class<?> defineVersioned() throws java.io.IOException, IllegalAccessException {
        String resource = "/META-INF/versions/22/" + NATIVE.replace('.', '/') + ".class";
        try (java.io.InputStream in = RefusalProbe.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new java.io.FileNotFoundException(resource);
            }
            return java.lang.invoke.MethodHandles.lookup().defineClass(in.readAllBytes());
        }
    }
}
