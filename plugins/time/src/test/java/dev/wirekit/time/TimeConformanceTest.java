package dev.wirekit.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.testkit.SamePort;
import dev.wirekit.testkit.wire.SuiteReport;
import dev.wirekit.testkit.wire.WireSuites;
import dev.wirekit.testkit.wire.WireTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The testkit's time suite against Wirekit's time service, TCP and UDP on one port, on both transports. */
class TimeConformanceTest {
    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void passesTheSuite(String name) throws Exception {
        TimeService service = TimeService.systemDefault();
        try (Transport transport = Transport.load(name);
                Server both = SamePort.start(
                        a -> transport.listen(a, Framers.lines(256), service, TransportOptions.defaults()),
                        a -> transport.bind(a, Framers.lines(256), service, TransportOptions.defaults()))) {
            SuiteReport report = WireSuites.run(
                    "time",
                    WireTarget.of(both.localAddress(), transport).withDatagrams(),
                    null,
                    new PrintStream(new ByteArrayOutputStream(), true));
            assertTrue(report.successful(), report.failures());
            assertEquals(List.of("TM-1", "TM-2", "TM-3"), report.rules(SuiteReport.Status.PASSED));
        }
    }
}
