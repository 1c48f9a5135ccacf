package dev.wirekit.bench.file;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.file.FileServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Wirekit file server in its own JVM, driven by {@link FileBenchmark}: serves {@code args[0]} on
 * the transport {@code args[1]} and prints {@code PORT n}. A sampler records, every 5 ms, the
 * highest heap use it sees (garbage included) and the largest heap left after a collection (what
 * was live). Commands on standard input: {@code peak} answers {@code PEAK used live} (the highest
 * of each since the last {@code peak}), {@code live} answers {@code LIVE bytes} (heap used after a
 * full GC now), {@code quit} stops.
 */
public final class FileBenchServer {
    private FileBenchServer() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String transportName = args.length > 1 ? args[1] : "nio";
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        AtomicLong peak = new AtomicLong();
        AtomicLong peakLive = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
            while (true) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                long live = 0;
                for (MemoryPoolMXBean pool : heapPools) {
                    MemoryUsage afterGc = pool.getCollectionUsage();
                    live += afterGc == null ? 0 : afterGc.getUsed();
                }
                peakLive.accumulateAndGet(live, Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try (Transport transport = Transport.load(transportName);
                Server server = FileServer.builder(root)
                        .build()
                        .listen(
                                transport,
                                new InetSocketAddress("127.0.0.1", 0),
                                TransportOptions.builder()
                                        .maxOutboundBytes(Integer.getInteger("bench.outbound", 1 << 20))
                                        .build())) {
            System.out.println("PORT " + server.localAddress().getPort());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
            String line;
            while ((line = in.readLine()) != null && !line.equals("quit")) {
                switch (line) {
                    case "peak" ->
                        System.out.println("PEAK "
                                + peak.getAndSet(memory.getHeapMemoryUsage().getUsed()) + " " + peakLive.getAndSet(0));
                    case "live" -> {
                        for (int i = 0; i < 3; i++) {
                            System.gc();
                        }
                        System.out.println("LIVE " + memory.getHeapMemoryUsage().getUsed());
                    }
                    default -> System.out.println("? " + line);
                }
                System.out.flush();
            }
        } finally {
            sampler.interrupt();
        }
    }
}
