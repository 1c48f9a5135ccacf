package dev.wirekit.file.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.framing.CorruptedFrameException;
import dev.wirekit.api.framing.Framer;
import dev.wirekit.file.internal.FileMessage.Chunk;
import dev.wirekit.file.internal.FileMessage.Data;
import dev.wirekit.file.internal.FileMessage.Entries;
import dev.wirekit.file.internal.FileMessage.Entry;
import dev.wirekit.file.internal.FileMessage.FileHeader;
import dev.wirekit.testkit.FramerHarness;
import dev.wirekit.testkit.FramerVerification;
import dev.wirekit.testkit.property.Chunking;
import dev.wirekit.testkit.property.Generator;
import dev.wirekit.testkit.property.Generators;
import dev.wirekit.testkit.property.Property;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The file protocol's framing passes the testkit's framer rules F-1 to F-8 for header messages,
 * and on top of them: raw bytes announced by FILE and DATA come out as chunks, whole and in order,
 * however the stream is cut, and the next header after them decodes normally.
 */
class FileFramerTest extends FramerVerification<FileMessage> {

    @Override
    protected Framer<FileMessage> framer() {
        return FileFramer.instance();
    }

    @Override
    protected Generator<FileMessage> messages() {
        return Messages.headers();
    }

    @Override
    protected byte[] oversizedInput() {
        return new byte[] {0, 1, 0, 1, 0x11, 0, 0};
    }

    @Override
    protected FileMessage oversizedMessage() {
        List<Entry> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add(new Entry("n".repeat(250) + i, i, i));
        }
        return new Entries(many);
    }

    /** A header, or a header announcing raw bytes together with those bytes. */
    private record Item(FileMessage header, byte[] raw) {
        @Override
        public String toString() {
            return header + (raw.length > 0 ? " + " + raw.length + " raw bytes" : "");
        }
    }

    /** Headers, and raw sections of up to {@code maxRaw} bytes (scaled by size). */
    private static Generator<Item> items(int maxRaw) {
        Generator<FileMessage> headers = Messages.headers();
        return (random, size) -> {
            if (random.nextInt(3) == 0) {
                return new Item(headers.next(random, size), new byte[0]);
            }
            byte[] raw = new byte[random.nextInt(1 + maxRaw * size / 100)];
            random.nextBytes(raw);
            FileMessage header = random.nextBoolean()
                    ? new Data(raw.length)
                    : new FileHeader(raw.length + 10, 0, Messages.digest(random), 10, raw.length);
            return new Item(header, raw);
        };
    }

    @Test
    void rawBytesComeOutWholeAndInOrderHoweverTheStreamIsCut() {
        for (Chunking chunking : Chunking.values()) {
            Property.named("raw sections, " + chunking)
                    .trials(chunking == Chunking.ONE_BYTE ? 40 : 150)
                    .check(Generators.lists(items(chunking == Chunking.ONE_BYTE ? 3000 : 300_000), 6), items -> {
                        ByteArrayOutputStream wire = new ByteArrayOutputStream();
                        for (Item item : items) {
                            wire.writeBytes(FramerHarness.encode(framer(), List.of(item.header())));
                            wire.writeBytes(item.raw());
                        }
                        byte[] bytes = wire.toByteArray();
                        List<FileMessage> decoded = FramerHarness.decode(
                                framer(), chunking.split(bytes, new SplittableRandom(bytes.length)));
                        int at = 0;
                        for (Item item : items) {
                            assertEquals(item.header(), decoded.get(at++));
                            ByteArrayOutputStream raw = new ByteArrayOutputStream();
                            while (raw.size() < item.raw().length) {
                                Chunk chunk = assertInstanceOf(Chunk.class, decoded.get(at++));
                                assertTrue(chunk.data().remaining() <= FileFramer.MAX_CHUNK, "chunk too large");
                                assertTrue(chunk.data().hasRemaining(), "an empty chunk");
                                byte[] b = new byte[chunk.data().remaining()];
                                chunk.data().get(b);
                                raw.writeBytes(b);
                            }
                            assertArrayEquals(item.raw(), raw.toByteArray());
                        }
                        assertEquals(decoded.size(), at, "messages left over");
                    });
        }
    }

    @Test
    void aChunkIsEncodedAsItsBytesAlone() {
        byte[] bytes = {1, 2, 3};
        ByteBuffer data = ByteBuffer.wrap(bytes);
        assertArrayEquals(bytes, FramerHarness.encode(framer(), List.of(new Chunk(data))));
        assertEquals(0, data.position(), "the chunk's buffer is not consumed");
    }

    @Test
    void partialRawBytesAreHandedOverAsTheyArrive() {
        var decoder = framer().newDecoder();
        ByteBuffer header = ByteBuffer.wrap(FramerHarness.encode(framer(), List.of(new Data(100))));
        assertEquals(new Data(100), decoder.decode(header));
        ByteBuffer some = ByteBuffer.wrap(new byte[30]);
        assertEquals(30, ((Chunk) decoder.decode(some)).data().remaining());
        assertNull(decoder.decode(ByteBuffer.allocate(0)), "nothing to hand over");
        ByteBuffer rest = ByteBuffer.wrap(new byte[80]);
        assertEquals(70, ((Chunk) decoder.decode(rest)).data().remaining(), "only the 70 bytes still due");
        assertEquals(10, rest.remaining(), "the next frame's bytes stay");
    }

    @Test
    void malformedHeadersAreCorruptFramesThatNameTheProblem() {
        assertThrows(CorruptedFrameException.class, () -> FileCodec.decode(ByteBuffer.allocate(0)));
        CorruptedFrameException magic = assertThrows(
                CorruptedFrameException.class,
                () -> FileCodec.decode(ByteBuffer.wrap(new byte[] {1, 'G', 'E', 'T', ' ', 0, 1, 0, 0})));
        assertTrue(magic.getMessage().contains("magic bytes 'WKFT'"), magic.getMessage());
        CorruptedFrameException cut = assertThrows(
                CorruptedFrameException.class, () -> FileCodec.decode(ByteBuffer.wrap(new byte[] {0x20, 0, 9, 'a'})));
        assertTrue(cut.getMessage().contains("type 0x20 ends before its fields do"), cut.getMessage());
        ByteBuffer huge = ByteBuffer.allocate(9).put((byte) 0x32).putLong(-1).flip();
        CorruptedFrameException negative = assertThrows(CorruptedFrameException.class, () -> FileCodec.decode(huge));
        assertTrue(negative.getMessage().contains("18446744073709551615"), negative.getMessage());
    }

    @Test
    void unknownTypesAndTrailingFieldsAreToleratedForLaterVersions() {
        assertEquals(new FileMessage.Unknown(0x66), FileCodec.decode(ByteBuffer.wrap(new byte[] {0x66, 1, 2})));
        ByteBuffer ready = ByteBuffer.allocate(1 + 8 + 5)
                .put((byte) 0x31)
                .putLong(77)
                .put(new byte[5])
                .flip();
        assertEquals(new FileMessage.Ready(77), FileCodec.decode(ready));
    }
}
