package dev.wirekit.testkit.wire;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.Connection;
import dev.wirekit.api.framing.Framer;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Base of the black-box suites: rules checked against a live server at {@code host:port}, which may
 * be Wirekit's or anyone's. Run them with {@link WireSuites#run} (which {@code wirekit testkit}
 * does), or from your own tests by subclassing a suite and overriding {@link #target()}.
 */
@org.junit.jupiter.api.TestMethodOrder(dev.wirekit.testkit.RuleOrder.class)
@ExtendWith(WireSuite.TargetResolver.class)
public abstract class WireSuite {
    /** The configuration parameter that names the target registered with {@link WireSuites}. */
    static final String RUN_PARAMETER = "wirekit.testkit.run";

    private WireTarget configured;

    @BeforeEach
    void resolveTarget(WireTarget resolved) {
        this.configured = resolved;
    }

    /** The server under test. Override to run a suite from your own JUnit tests. */
    protected WireTarget target() {
        if (configured == null) {
            throw new IllegalStateException("no target: run the suite with WireSuites.run, or override target()");
        }
        return configured;
    }

    /**
     * The value of the suite's fact {@code name}: as given on the target, else the suite's
     * documented default; null when the fact is missing (given, or defaulting, as empty).
     */
    protected String fact(String name) {
        Fact declared = WireSuites.facts(getClass()).stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException(getClass().getSimpleName() + " declares no fact " + name));
        String value = target().facts().getOrDefault(name, declared.defaultValue());
        return value.isEmpty() ? null : value;
    }

    /**
     * The value of fact {@code name}; when it is missing, skips the running rule, saying which fact
     * to give and why the rule needs it.
     */
    protected String requireFact(String name, String why) {
        String value = fact(name);
        org.junit.jupiter.api.Assumptions.assumeTrue(
                value != null, () -> "fact '" + name + "' is not set (--fact " + name + "=...): " + why);
        return value;
    }

    /** Fact {@code name} as a yes/no capability ({@code true}/{@code false}); missing is false. */
    protected boolean capability(String name) {
        String value = fact(name);
        if (value == null || value.equalsIgnoreCase("false") || value.equalsIgnoreCase("no")) {
            return false;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes")) {
            return true;
        }
        throw new IllegalArgumentException("fact " + name + " must be true or false, not '" + value + "'");
    }

    /** A framed client connection to the target. */
    protected <T> ClientSession<T> connect(Framer<T> framer) throws IOException {
        WireTarget t = target();
        return t.transport().connect(t.address(), framer, t.streamOptions());
    }

    /** A byte-stream connection to the target. */
    protected Connection connectRaw() throws IOException {
        WireTarget t = target();
        return t.transport().connect(t.address(), t.streamOptions());
    }

    /** A datagram client of the target. */
    protected <T> ClientSession<T> connectDatagram(Framer<T> framer) throws IOException {
        WireTarget t = target();
        return t.transport().connectDatagram(t.address(), framer, t.datagramOptions());
    }

    /** Reads exactly {@code n} bytes from {@code c}, failing with how many came when the stream ends. */
    protected byte[] readExactly(Connection c, int n) throws IOException {
        ByteBuffer all = ByteBuffer.allocate(n);
        while (all.hasRemaining()) {
            if (c.read(all, target().timeout()) < 0) {
                throw new java.io.EOFException(
                        "the server closed the connection after " + all.position() + " of " + n + " bytes");
            }
        }
        return all.array();
    }

    /** Reads until the server closes the connection; fails if that takes longer than the timeout. */
    protected byte[] readToEnd(Connection c) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (c.read(buffer.clear(), target().timeout()) >= 0) {
            all.write(buffer.array(), 0, buffer.position());
        }
        return all.toByteArray();
    }

    /** Supplies the target registered for the run named by the configuration parameter. */
    static final class TargetResolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == WireTarget.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getConfigurationParameter(RUN_PARAMETER)
                    .map(WireSuites::registered)
                    .orElse(null);
        }
    }
}
