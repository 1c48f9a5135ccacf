package dev.wirekit.testkit.wire;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wirekit.api.Connection;
import dev.wirekit.api.SecurityInfo;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.Optional;

/**
 * Fuzz targets for the suites' own readers of what a server sends: whatever a broken or hostile
 * server answers, a rule fails with an {@link AssertionError} that says why, never with another
 * exception and never by hanging. Without {@code JAZZER_FUZZ=1} they replay the inputs under
 * {@code ResponseReadersFuzzTestInputs/} only.
 */
class ResponseReadersFuzzTest {

    @FuzzTest
    void dnsReply(byte[] data) {
        try {
            DnsReply r = DnsReply.parse(data, data.length);
            r.rcode();
            for (DnsReply.Record record : r.answers) {
                r.addresses(record.name());
            }
            r.hasSoa("example.test");
        } catch (AssertionError explained) {
            assertNotNull(explained.getMessage());
        }
    }

    @FuzzTest
    void httpResponses(byte[] data) throws Exception {
        try (HttpWire wire = new HttpWire(new BytesConnection(data), Duration.ofSeconds(1))) {
            for (String method : new String[] {"GET", "HEAD", "GET"}) {
                if (wire.readOrNull(method) == null) {
                    return;
                }
            }
        } catch (AssertionError explained) {
            assertNotNull(explained.getMessage());
        }
    }

    /** A connection that reads {@code data} in pieces of up to 7 bytes, then the end of the stream. */
    private static final class BytesConnection implements Connection {
        private final ByteBuffer data;

        BytesConnection(byte[] data) {
            this.data = ByteBuffer.wrap(data);
        }

        @Override
        public int read(ByteBuffer dst) {
            if (!data.hasRemaining()) {
                return -1;
            }
            int n = Math.min(Math.min(7, data.remaining()), dst.remaining());
            dst.put(data.slice(data.position(), n));
            data.position(data.position() + n);
            return n;
        }

        @Override
        public int read(ByteBuffer dst, Duration timeout) {
            return read(dst);
        }

        @Override
        public void write(ByteBuffer... srcs) {}

        @Override
        public long transferFrom(FileChannel file, long position, long count) {
            return 0;
        }

        @Override
        public void flush() {}

        @Override
        public void shutdownOutput() {}

        @Override
        public InputStream inputStream() {
            throw new UnsupportedOperationException();
        }

        @Override
        public OutputStream outputStream() {
            throw new UnsupportedOperationException();
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 1);
        }

        @Override
        public InetSocketAddress localAddress() {
            return new InetSocketAddress("127.0.0.1", 2);
        }

        @Override
        public Optional<SecurityInfo> security() {
            return Optional.empty();
        }

        @Override
        public boolean isOpen() {
            return data.hasRemaining();
        }

        @Override
        public void close() {}

        @Override
        public void abort() {}
    }
}
