package dev.wirekit.file.internal;

import dev.wirekit.api.framing.CorruptedFrameException;
import dev.wirekit.file.internal.FileMessage.Chunk;
import dev.wirekit.file.internal.FileMessage.Data;
import dev.wirekit.file.internal.FileMessage.DeleteRequest;
import dev.wirekit.file.internal.FileMessage.Deleted;
import dev.wirekit.file.internal.FileMessage.Entries;
import dev.wirekit.file.internal.FileMessage.Entry;
import dev.wirekit.file.internal.FileMessage.ErrorReply;
import dev.wirekit.file.internal.FileMessage.FileHeader;
import dev.wirekit.file.internal.FileMessage.GetRequest;
import dev.wirekit.file.internal.FileMessage.Hello;
import dev.wirekit.file.internal.FileMessage.ListEnd;
import dev.wirekit.file.internal.FileMessage.ListRequest;
import dev.wirekit.file.internal.FileMessage.PutRequest;
import dev.wirekit.file.internal.FileMessage.Ready;
import dev.wirekit.file.internal.FileMessage.Stored;
import dev.wirekit.file.internal.FileMessage.Unknown;
import dev.wirekit.file.internal.FileMessage.Welcome;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of one header frame as a {@link FileMessage}, and back: a type byte, then the
 * message's fields, big-endian (docs/protocols/file.md, "Messages"). Bytes after the fields a
 * message type defines are ignored, so a later version may append fields.
 */
public final class FileCodec {
    /** The protocol version this implementation speaks. */
    public static final int VERSION = 1;
    /** The four bytes that start every HELLO: "WKFT". */
    public static final int MAGIC = 0x574B4654;

    static final int HELLO = 0x01;
    static final int WELCOME = 0x02;
    static final int LIST = 0x10;
    static final int ENTRIES = 0x11;
    static final int LIST_END = 0x12;
    static final int GET = 0x20;
    static final int FILE = 0x21;
    static final int PUT = 0x30;
    static final int READY = 0x31;
    static final int DATA = 0x32;
    static final int STORED = 0x33;
    static final int DELETE = 0x40;
    static final int DELETED = 0x41;
    static final int ERROR = 0x7F;

    private FileCodec() {}

    /** The type byte of {@code message}'s frame. */
    static int type(FileMessage message) {
        return switch (message) {
            case Hello h -> HELLO;
            case Welcome w -> WELCOME;
            case ListRequest l -> LIST;
            case Entries e -> ENTRIES;
            case ListEnd e -> LIST_END;
            case GetRequest g -> GET;
            case FileHeader f -> FILE;
            case PutRequest p -> PUT;
            case Ready r -> READY;
            case Data d -> DATA;
            case Stored s -> STORED;
            case DeleteRequest d -> DELETE;
            case Deleted d -> DELETED;
            case ErrorReply e -> ERROR;
            case Unknown u -> u.type();
            case Chunk c -> throw new IllegalArgumentException("a chunk is raw data, not a header frame");
        };
    }

    /** The bytes an {@link Entry} takes inside an ENTRIES frame. */
    public static int entrySize(Entry entry) {
        return 2 + utf8(entry.name()).length + 16;
    }

    /**
     * Encodes {@code message} (anything but a {@link Chunk}) as a frame payload.
     *
     * @throws IllegalArgumentException when a field cannot be represented (a negative size, a text
     *     longer than 65,535 bytes)
     */
    public static ByteBuffer encode(FileMessage message) {
        Writer w = new Writer();
        w.u8(type(message));
        switch (message) {
            case Hello h -> {
                w.i32(MAGIC);
                w.u16(h.version());
                w.text(h.token());
            }
            case Welcome m -> {
                w.u16(m.version());
                w.i32(m.flags());
                w.u64(m.maxFileSize());
            }
            case ListRequest l -> {}
            case Entries e -> {
                w.u16(e.entries().size());
                for (Entry entry : e.entries()) {
                    w.text(entry.name());
                    w.u64(entry.size());
                    w.i64(entry.modifiedMillis());
                }
            }
            case ListEnd e -> w.u64(e.count());
            case GetRequest g -> {
                w.text(g.name());
                w.u64(g.offset());
            }
            case FileHeader f -> {
                w.u64(f.size());
                w.i64(f.modifiedMillis());
                w.digest(f.sha256());
                w.u64(f.offset());
                w.u64(f.length());
            }
            case PutRequest p -> {
                w.text(p.name());
                w.u64(p.size());
                w.digest(p.sha256());
                w.i64(p.modifiedMillis());
            }
            case Ready r -> w.u64(r.offset());
            case Data d -> w.u64(d.length());
            case Stored s -> {
                w.u64(s.size());
                w.digest(s.sha256());
            }
            case DeleteRequest d -> w.text(d.name());
            case Deleted d -> {}
            case ErrorReply e -> {
                w.u16(e.code());
                w.text(e.message());
            }
            case Unknown u -> {}
            case Chunk c -> throw new IllegalArgumentException("a chunk is raw data, not a header frame");
        }
        return w.out.flip();
    }

    /**
     * Decodes one frame payload.
     *
     * @throws CorruptedFrameException (not recoverable) when the payload is empty, a field is cut
     *     short, a size is negative, or a HELLO lacks the magic bytes
     */
    public static FileMessage decode(ByteBuffer frame) {
        if (!frame.hasRemaining()) {
            throw corrupt("an empty frame (every frame starts with a type byte)");
        }
        int type = frame.get() & 0xFF;
        try {
            return switch (type) {
                case HELLO -> {
                    int magic = frame.getInt();
                    if (magic != MAGIC) {
                        throw corrupt(String.format(
                                "HELLO does not start with the magic bytes 'WKFT' (got 0x%08X): not a Wirekit file client",
                                magic));
                    }
                    yield new Hello(u16(frame), text(frame));
                }
                case WELCOME -> new Welcome(u16(frame), frame.getInt(), u64(frame, "maximum file size"));
                case LIST -> new ListRequest();
                case ENTRIES -> {
                    int count = u16(frame);
                    List<Entry> entries = new ArrayList<>(Math.min(count, frame.remaining() / 18 + 1));
                    for (int i = 0; i < count; i++) {
                        entries.add(new Entry(text(frame), u64(frame, "size"), frame.getLong()));
                    }
                    yield new Entries(entries);
                }
                case LIST_END -> new ListEnd(u64(frame, "count"));
                case GET -> new GetRequest(text(frame), u64(frame, "offset"));
                case FILE -> {
                    long size = u64(frame, "size");
                    long modified = frame.getLong();
                    Digest digest = digest(frame);
                    long offset = u64(frame, "offset");
                    long length = u64(frame, "length");
                    yield new FileHeader(size, modified, digest, offset, length);
                }
                case PUT -> new PutRequest(text(frame), u64(frame, "size"), digest(frame), frame.getLong());
                case READY -> new Ready(u64(frame, "offset"));
                case DATA -> new Data(u64(frame, "length"));
                case STORED -> new Stored(u64(frame, "size"), digest(frame));
                case DELETE -> new DeleteRequest(text(frame));
                case DELETED -> new Deleted();
                case ERROR -> new ErrorReply(u16(frame), text(frame));
                default -> new Unknown(type);
            };
        } catch (BufferUnderflowException e) {
            throw corrupt(String.format("message type 0x%02X ends before its fields do", type));
        }
    }

    private static CorruptedFrameException corrupt(String message) {
        return new CorruptedFrameException(message, false);
    }

    private static int u16(ByteBuffer in) {
        return in.getShort() & 0xFFFF;
    }

    private static long u64(ByteBuffer in, String what) {
        long value = in.getLong();
        if (value < 0) {
            throw corrupt(what + " " + Long.toUnsignedString(value) + " is beyond 2^63 - 1");
        }
        return value;
    }

    private static String text(ByteBuffer in) {
        int length = u16(in);
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Digest digest(ByteBuffer in) {
        byte[] bytes = new byte[Digest.LENGTH];
        in.get(bytes);
        return Digest.of(bytes);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes fields into a buffer that grows as needed. */
    private static final class Writer {
        ByteBuffer out = ByteBuffer.allocate(64);

        void ensure(int n) {
            if (out.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + n));
                out.flip();
                bigger.put(out);
                out = bigger;
            }
        }

        void u8(int v) {
            ensure(1);
            out.put((byte) v);
        }

        void u16(int v) {
            if (v < 0 || v > 0xFFFF) {
                throw new IllegalArgumentException("does not fit 16 bits: " + v);
            }
            ensure(2);
            out.putShort((short) v);
        }

        void i32(int v) {
            ensure(4);
            out.putInt(v);
        }

        void i64(long v) {
            ensure(8);
            out.putLong(v);
        }

        void u64(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("a size, offset or count cannot be negative: " + v);
            }
            ensure(8);
            out.putLong(v);
        }

        void text(String s) {
            byte[] bytes = utf8(s);
            if (bytes.length > 0xFFFF) {
                throw new IllegalArgumentException("text of " + bytes.length + " bytes is longer than 65535");
            }
            u16(bytes.length);
            ensure(bytes.length);
            out.put(bytes);
        }

        void digest(Digest d) {
            ensure(Digest.LENGTH);
            d.writeTo(out);
        }
    }
}
