package dev.wirekit.bench.scanner;

import dev.wirekit.api.Transport;
import dev.wirekit.scanner.ScanResult;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One scan in a fresh JVM, as {@code wirekit scan HOST -p- --rate 0} would run it: prints the open
 * ports and the scan's own time on one line. The benchmark times the whole process, JVM start
 * included.
 */
public final class ScanOnce {
    private ScanOnce() {}

    public static void main(String[] args) throws Exception {
        try (Transport transport = Transport.load("nio")) {
            ScanResult r = ScanBenchmark.scanner(transport, args[0], Integer.parseInt(args[1]))
                    .scan();
            System.out.println(Arrays.stream(r.openPorts(r.targets().get(0).target()))
                            .mapToObj(Integer::toString)
                            .collect(Collectors.joining(","))
                    + " " + Duration.between(r.started(), r.finished()).toNanos());
        }
    }
}
