package dev.wirekit.calc;

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

/** The testkit's calc suite against Wirekit's calc service, TCP and UDP on one port, on both transports. */
class CalcConformanceTest {
    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void passesTheSuite(String name) throws Exception {
        CalcService service = new CalcService(1024);
        try (Transport transport = Transport.load(name);
                Server both = SamePort.start(
                        a -> transport.listen(a, Framers.lines(1024), service, TransportOptions.defaults()),
                        a -> transport.bind(a, Framers.lines(1024), service, TransportOptions.defaults()))) {
            SuiteReport report = WireSuites.run(
                    "calc",
                    WireTarget.of(both.localAddress(), transport).withDatagrams(),
                    null,
                    new PrintStream(new ByteArrayOutputStream(), true));
            assertTrue(report.successful(), report.failures());
            assertEquals(List.of("CA-1", "CA-2", "CA-3", "CA-4", "CA-5"), report.rules(SuiteReport.Status.PASSED));
        }
    }
}
