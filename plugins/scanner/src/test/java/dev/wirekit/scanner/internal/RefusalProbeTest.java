package dev.wirekit.scanner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.scanner.PortState;
import dev.wirekit.testkit.doubles.PipeTransportProvider;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The quick refusal check: what it answers for ports of our own, that it is there where it should
 * be, and that a scan drops it when it does not pay.
 */
class RefusalProbeTest {

    private static boolean nativePlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        return os.startsWith("linux")
                && (arch.equals("amd64") || arch.equals("aarch64"))
                && Runtime.version().feature() >= 22;
    }

    @Test
    void onLinuxWithJava22AndNativeAccessTheProbeIsThere() {
        assumeTrue(nativePlatform(), "the probe exists on Linux with Java 22 or newer only");
        // the build's test JVM enables native access (surefire.argLine in the scanner's pom)
        assertTrue(RefusalProbe.forThisPlatform().isPresent());
    }

    @Test
    void refusedOnlyWhereNothingListens() throws Exception {
        assumeTrue(nativePlatform(), "the probe exists on Linux with Java 22 or newer only");
        RefusalProbe probe = RefusalProbe.forThisPlatform().orElseThrow();
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket listening = new ServerSocket(0, 50, lo);
                // bound but not listening: this port is ours, and a connection to it is refused
                SocketChannel bound = SocketChannel.open().bind(new InetSocketAddress(lo, 0))) {
            int closed = ((InetSocketAddress) bound.getLocalAddress()).getPort();
            assertTrue(probe.refusedAtOnce(lo, closed), "nothing listens: refused");
            assertFalse(probe.refusedAtOnce(lo, listening.getLocalPort()), "a listener: not refused");
        }
    }

    @Test
    void refusedOverIpv6Too() throws Exception {
        assumeTrue(nativePlatform(), "the probe exists on Linux with Java 22 or newer only");
        RefusalProbe probe = RefusalProbe.forThisPlatform().orElseThrow();
        InetAddress lo6 = InetAddress.getByName("::1");
        SocketChannel bound6;
        try {
            bound6 = SocketChannel.open(java.net.StandardProtocolFamily.INET6).bind(new InetSocketAddress(lo6, 0));
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback on this machine: " + e);
            return;
        }
        try (bound6) {
            int closed6 = ((InetSocketAddress) bound6.getLocalAddress()).getPort();
            assertTrue(probe.refusedAtOnce(lo6, closed6), "over IPv6 too");
        }
    }

    /** A scan over the in-memory transport, every port refused there, with a probe that counts. */
    private static List<String> scan(int ports, RefusalProbe probe) throws Exception {
        ConcurrentLinkedQueue<String> settled = new ConcurrentLinkedQueue<>();
        int[] list = new int[ports];
        for (int i = 0; i < ports; i++) {
            list[i] = i + 1;
        }
        try (Transport pipe = PipeTransportProvider.transport()) {
            ConnectScan scan = new ConnectScan(
                    pipe,
                    TransportOptions.defaults(),
                    List.of(InetAddress.getLoopbackAddress()),
                    list,
                    64,
                    0,
                    null,
                    Ticker.system(),
                    new ConnectScan.Outcomes() {
                        @Override
                        public void open(
                                int target,
                                int port,
                                dev.wirekit.api.Connection connection,
                                long latencyNanos,
                                int attempts,
                                Runnable release) {
                            connection.close();
                            release.run();
                            throw new AssertionError("nothing is open");
                        }

                        @Override
                        public void settled(
                                int target, int port, PortState state, String reason, long latencyNanos, int attempts) {
                            settled.add(state + " " + reason + " " + attempts);
                        }
                    });
            scan.refusalProbe(probe).run(2);
        }
        return List.copyOf(settled);
    }

    @Test
    void aProbeThatSettlesNothingIsDroppedAfterItsTrial() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        List<String> settled = scan(1000, (address, port) -> {
            asked.incrementAndGet();
            return false;
        });
        assertEquals(1000, settled.size());
        assertTrue(settled.stream().allMatch("CLOSED conn-refused 1"::equals), settled.get(0));
        // the trial is 256 attempts; the other lane may have taken the probe just before it ended
        assertTrue(asked.get() >= 256 && asked.get() <= 257, "asked during the trial only: " + asked.get());
    }

    @Test
    void aProbeThatSettlesIsKeptAndReportsLikeTheTransport() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        List<String> settled = scan(1000, (address, port) -> {
            asked.incrementAndGet();
            return true;
        });
        assertEquals(1000, asked.get());
        assertEquals(1000, settled.size());
        assertTrue(settled.stream().allMatch("CLOSED conn-refused 1"::equals), settled.get(0));
    }
}
