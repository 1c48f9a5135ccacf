package dev.wirekit.bench.tls;

import dev.wirekit.api.layer.Layer;
import dev.wirekit.api.layer.LayerContext;
import dev.wirekit.api.layer.LayerEngine;
import dev.wirekit.api.layer.LayerSink;
import dev.wirekit.tls.KeyMaterial;
import dev.wirekit.tls.TlsClientConfig;
import dev.wirekit.tls.TlsLayer;
import dev.wirekit.tls.TlsServerConfig;
import dev.wirekit.tls.Trust;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS 1.3 side by side: Wirekit's engine (BouncyCastle over JCA) against the JDK's own
 * {@link SSLEngine}, the same work in one process. Both sides of each connection run in memory on
 * one thread, and rates are per second of process CPU time (GC included), so the figures are CPU
 * cost, not network, and hold up on a busy machine: full handshakes per second (client and
 * server, an ECDSA P-256 leaf issued by a CA, so both validate the path; x25519,
 * TLS_AES_128_GCM_SHA256, host name verified), and bulk
 * MB/s (16 KiB writes encrypted by one side and decrypted by the other).
 *
 * <pre>
 * ./mvnw -q -pl bench -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.wirekit.bench.tls.TlsBench [seconds-per-round]
 * </pre>
 *
 * The JDK server's TLS 1.3 session tickets are turned off (Wirekit's server sends none), so both do
 * the same full handshake.
 */
public final class TlsBench {
    private static final int CHUNK = 16 * 1024;

    public static void main(String[] args) throws Exception {
        System.setProperty("jdk.tls.server.newSessionTicketCount", "0");
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        BenchPki pki = BenchPki.create();
        Wirekit wirekit = new Wirekit(pki);
        Jdk jdk = new Jdk(pki);
        if (args.length > 1) { // for a profiler: one workload only
            Work only = switch (args[1]) {
                case "wirekit-bulk" -> wirekit::bulk;
                case "jdk-bulk" -> jdk::bulk;
                case "wirekit-handshake" -> wirekit::handshake;
                case "jdk-handshake" -> jdk::handshake;
                default -> throw new IllegalArgumentException("unknown workload " + args[1]);
            };
            System.out.printf("%s: %.1f per CPU-second%n", args[1], rate(only, seconds));
            return;
        }

        System.out.println("TLS 1.3, ECDSA P-256, x25519, TLS_AES_128_GCM_SHA256; "
                + Runtime.getRuntime().availableProcessors() + " CPUs; " + System.getProperty("java.vm.name") + " "
                + Runtime.version());
        // warm up both, then measure in short alternating rounds: each round's ratio compares two
        // neighbouring measurements, so load from other processes affects both sides alike; the
        // medians are reported
        double warmup = Math.max(8, 4 * seconds); // long enough for C2 to compile both handshake paths
        for (int i = 0; i < 2; i++) {
            rate(wirekit::handshake, warmup / 2);
            rate(jdk::handshake, warmup / 2);
            bulk(wirekit::bulk, warmup / 4);
            bulk(jdk::bulk, warmup / 4);
        }
        int rounds = 9;
        double[][] hs = new double[3][rounds];
        double[][] bk = new double[3][rounds];
        for (int r = 0; r < rounds; r++) {
            boolean wirekitFirst = r % 2 == 0;
            double a = wirekitFirst ? rate(wirekit::handshake, seconds) : rate(jdk::handshake, seconds);
            double b = wirekitFirst ? rate(jdk::handshake, seconds) : rate(wirekit::handshake, seconds);
            hs[0][r] = wirekitFirst ? a : b;
            hs[1][r] = wirekitFirst ? b : a;
            hs[2][r] = hs[0][r] / hs[1][r];
            a = wirekitFirst ? bulk(wirekit::bulk, seconds) : bulk(jdk::bulk, seconds);
            b = wirekitFirst ? bulk(jdk::bulk, seconds) : bulk(wirekit::bulk, seconds);
            bk[0][r] = wirekitFirst ? a : b;
            bk[1][r] = wirekitFirst ? b : a;
            bk[2][r] = bk[0][r] / bk[1][r];
        }
        System.out.printf(
                "full handshakes/s   wirekit %8.0f   jdk %8.0f   ratio %.2fx (median of %d rounds; target >= 1.0x)%n",
                median(hs[0]), median(hs[1]), median(hs[2]), rounds);
        System.out.printf(
                "bulk MB/s           wirekit %8.1f   jdk %8.1f   ratio %.2fx (median of %d rounds; target >= 0.8x)%n",
                median(bk[0]), median(bk[1]), median(bk[2]), rounds);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v[v.length / 2];
    }

    @FunctionalInterface
    interface Work {
        /** Does one unit; returns bytes moved (bulk) or 1 (handshake). */
        long run() throws Exception;
    }

    /**
     * Units per second of this process's CPU time (all threads, so garbage collection counts), not
     * of wall time: on a shared machine other processes' load does not distort the comparison.
     */
    private static double rate(Work w, double seconds) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long cpuStart = os.getProcessCpuTime();
        long n = 0;
        while (System.nanoTime() < end) {
            n += w.run();
        }
        return n / ((os.getProcessCpuTime() - cpuStart) / 1e9);
    }

    private static double bulk(Work w, double seconds) throws Exception {
        return rate(w, seconds) / 1e6;
    }

    // ---- Wirekit ------------------------------------------------------------------------------

    /** Wirekit's engines through the public Layer API, joined in memory. */
    static final class Wirekit {
        private final Layer server;
        private final Layer client;
        private final byte[] payload = new byte[CHUNK];
        private Side bulkClient;
        private Side bulkServer;

        Wirekit(BenchPki pki) {
            server = TlsLayer.server(TlsServerConfig.builder(KeyMaterial.of(pki.key(), pki.chain()))
                    .build());
            client = TlsLayer.client(TlsClientConfig.builder()
                    .trust(Trust.certificates(List.of(pki.ca())))
                    .build());
        }

        long handshake() throws IOException {
            Side c = new Side(client, LayerContext.Role.CLIENT);
            Side s = new Side(server, LayerContext.Role.SERVER);
            s.engine.start();
            c.engine.start();
            while (!(c.established && s.established)) {
                if (!pump(c, s) && !pump(s, c)) {
                    throw new IllegalStateException("handshake stalled");
                }
            }
            return 1;
        }

        long bulk() throws IOException {
            if (bulkClient == null) {
                bulkClient = new Side(client, LayerContext.Role.CLIENT);
                bulkServer = new Side(server, LayerContext.Role.SERVER);
                bulkServer.engine.start();
                bulkClient.engine.start();
                while (!(bulkClient.established && bulkServer.established)) {
                    pump(bulkClient, bulkServer);
                    pump(bulkServer, bulkClient);
                }
            }
            long moved = 0;
            for (int i = 0; i < 64; i++) {
                bulkClient.engine.send(ByteBuffer.wrap(payload));
                pump(bulkClient, bulkServer);
                moved += CHUNK;
            }
            bulkServer.received = 0;
            return moved;
        }

        private static boolean pump(Side from, Side to) throws IOException {
            boolean moved = false;
            ByteBuffer b;
            while ((b = from.out.poll()) != null) {
                to.engine.receive(b);
                moved = true;
            }
            return moved;
        }
    }

    /** One in-memory side: a LayerContext and LayerSink that keep what the engine produces. */
    static final class Side implements LayerContext, LayerSink {
        final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        final LayerEngine engine;
        final Role role;
        boolean established;
        long received;

        Side(Layer layer, Role role) {
            this.role = role;
            this.engine = layer.open(this);
        }

        @Override
        public Role role() {
            return role;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 443);
        }

        @Override
        public InetSocketAddress localAddress() {
            return new InetSocketAddress("127.0.0.1", 50000);
        }

        @Override
        public Optional<String> serverName() {
            return Optional.of("localhost");
        }

        @Override
        public boolean datagram() {
            return false;
        }

        @Override
        public LayerSink sink() {
            return this;
        }

        @Override
        public Executor blockingExecutor() {
            return Runnable::run;
        }

        @Override
        public ScheduledExecutorService timer() {
            return null;
        }

        @Override
        public void toNetwork(ByteBuffer bytes) {
            out.add(bytes);
        }

        @Override
        public void toApplication(ByteBuffer bytes) {
            received += bytes.remaining();
        }

        @Override
        public void established() {
            established = true;
        }

        @Override
        public void endOfInput() {}

        @Override
        public void failed(Throwable cause) {
            throw new IllegalStateException(cause);
        }
    }

    // ---- the JDK ------------------------------------------------------------------------------

    /** The JDK's SSLEngine with the same certificate, suite and group. */
    static final class Jdk {
        private final SSLContext context;
        private final ByteBuffer payload = ByteBuffer.allocate(CHUNK);
        private int port = 1;
        private SSLEngine bulkClient;
        private SSLEngine bulkServer;
        private ByteBuffer c2s;
        private ByteBuffer s2c;
        private ByteBuffer appIn;

        Jdk(BenchPki pki) throws Exception {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", pki.key(), new char[0], pki.chain().toArray(Certificate[]::new));
            // the default (SunX509) keeps keys in memory; "PKIX" would decrypt the PKCS#12 key per handshake
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", pki.ca());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            context = SSLContext.getInstance("TLSv1.3");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        }

        private SSLEngine engine(boolean client) {
            // a new port each time: the client's session cache never offers a resumption
            SSLEngine e = client ? context.createSSLEngine("localhost", port++) : context.createSSLEngine();
            e.setUseClientMode(client);
            SSLParameters p = e.getSSLParameters();
            p.setProtocols(new String[] {"TLSv1.3"});
            p.setCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
            p.setNamedGroups(new String[] {"x25519"});
            if (client) {
                p.setServerNames(List.of(new SNIHostName("localhost")));
                p.setEndpointIdentificationAlgorithm("HTTPS");
            }
            e.setSSLParameters(p);
            return e;
        }

        long handshake() throws Exception {
            SSLEngine c = engine(true);
            SSLEngine s = engine(false);
            handshake(c, s, buffer(c), buffer(s));
            return 1;
        }

        private static ByteBuffer buffer(SSLEngine e) {
            return ByteBuffer.allocate(e.getSession().getPacketBufferSize() * 4);
        }

        private static void handshake(SSLEngine c, SSLEngine s, ByteBuffer c2s, ByteBuffer s2c) throws Exception {
            ByteBuffer empty = ByteBuffer.allocate(0);
            ByteBuffer sink = ByteBuffer.allocate(c.getSession().getApplicationBufferSize() * 2);
            c.beginHandshake();
            s.beginHandshake();
            for (int i = 0; i < 1000 && !(done(c) && done(s)); i++) {
                step(c, empty, c2s, s2c, sink);
                step(s, empty, s2c, c2s, sink);
            }
            if (!(done(c) && done(s))) {
                throw new IllegalStateException("JDK handshake stalled");
            }
        }

        private static boolean done(SSLEngine e) {
            SSLEngineResult.HandshakeStatus h = e.getHandshakeStatus();
            return h == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                    || h == SSLEngineResult.HandshakeStatus.FINISHED;
        }

        /** Lets an engine do what it wants once: wrap into {@code out}, unwrap from {@code in}. */
        private static void step(SSLEngine e, ByteBuffer empty, ByteBuffer out, ByteBuffer in, ByteBuffer sink)
                throws Exception {
            while (true) {
                switch (e.getHandshakeStatus()) {
                    case NEED_WRAP -> e.wrap(empty, out);
                    case NEED_TASK -> {
                        Runnable task;
                        while ((task = e.getDelegatedTask()) != null) {
                            task.run();
                        }
                    }
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        in.flip();
                        SSLEngineResult r = e.unwrap(in, sink);
                        in.compact();
                        sink.clear();
                        if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                                || r.bytesConsumed() == 0
                                        && r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_UNWRAP) {
                            return;
                        }
                    }
                    default -> {
                        return;
                    }
                }
            }
        }

        long bulk() throws Exception {
            if (bulkClient == null) {
                bulkClient = engine(true);
                bulkServer = engine(false);
                c2s = buffer(bulkClient);
                s2c = buffer(bulkServer);
                handshake(bulkClient, bulkServer, c2s, s2c);
                appIn = ByteBuffer.allocate(bulkServer.getSession().getApplicationBufferSize() * 2);
                c2s.clear();
            }
            long moved = 0;
            for (int i = 0; i < 64; i++) {
                payload.clear();
                while (payload.hasRemaining()) {
                    bulkClient.wrap(payload, c2s);
                }
                c2s.flip();
                while (c2s.hasRemaining()) {
                    appIn.clear();
                    SSLEngineResult r = bulkServer.unwrap(c2s, appIn);
                    if (r.getStatus() != SSLEngineResult.Status.OK) {
                        throw new IllegalStateException("unwrap: " + r);
                    }
                }
                c2s.clear();
                moved += CHUNK;
            }
            return moved;
        }
    }
}
