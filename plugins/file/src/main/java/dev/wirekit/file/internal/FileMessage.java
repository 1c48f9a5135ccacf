package dev.wirekit.file.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * The messages of the file transfer protocol (docs/protocols/file.md), one record per message type,
 * plus {@link Chunk} for the raw bytes that follow a {@link FileHeader} or a {@link Data} header.
 */
public sealed interface FileMessage {

    /**
     * How many raw bytes follow this message on the wire: the announced length for
     * {@link FileHeader} and {@link Data}, zero for every other message.
     */
    default long rawLength() {
        return 0;
    }

    /** Client, first message: the protocol version it speaks and its access token ("" for none). */
    record Hello(int version, String token) implements FileMessage {
        public Hello {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Hello[version=" + version + ", token="
                    + (token.isEmpty() ? "none" : "(" + token.length() + " chars)") + "]";
        }
    }

    /** Server, answer to HELLO: the version it will speak, its flags, and its upload size limit. */
    record Welcome(int version, int flags, long maxFileSize) implements FileMessage {
        /** Flag: uploads and deletes are refused. */
        public static final int READ_ONLY = 1;
        /** Flag: DELETE is allowed. */
        public static final int DELETE_ALLOWED = 2;

        public boolean readOnly() {
            return (flags & READ_ONLY) != 0;
        }

        public boolean deleteAllowed() {
            return (flags & DELETE_ALLOWED) != 0;
        }
    }

    /** Client: list the files. */
    record ListRequest() implements FileMessage {}

    /** One file in a listing. */
    record Entry(String name, long size, long modifiedMillis) {
        public Entry {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Server: some of the listing's entries (a listing may take many ENTRIES messages). */
    record Entries(List<Entry> entries) implements FileMessage {
        public Entries {
            entries = List.copyOf(entries);
        }
    }

    /** Server: the listing is complete; {@code count} entries were sent. */
    record ListEnd(long count) implements FileMessage {}

    /** Client: send file {@code name} from byte {@code offset} on. */
    record GetRequest(String name, long offset) implements FileMessage {
        public GetRequest {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * Server, answer to GET: the whole file's size, modification time and SHA-256, and the range
     * that follows as {@code length} raw bytes.
     */
    record FileHeader(long size, long modifiedMillis, Digest sha256, long offset, long length) implements FileMessage {
        public FileHeader {
            Objects.requireNonNull(sha256, "sha256");
        }

        @Override
        public long rawLength() {
            return length;
        }
    }

    /**
     * Client: store a file of {@code size} bytes whose SHA-256 is {@code sha256} as {@code name};
     * {@code modifiedMillis} is the time to give it, or -1 for the time it is stored.
     */
    record PutRequest(String name, long size, Digest sha256, long modifiedMillis) implements FileMessage {
        public PutRequest {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    /** Server, answer to PUT: send the data from byte {@code offset} (what a resumed upload already holds). */
    record Ready(long offset) implements FileMessage {}

    /** Client: {@code length} raw bytes of the upload follow. */
    record Data(long length) implements FileMessage {
        @Override
        public long rawLength() {
            return length;
        }
    }

    /** Server: the upload is complete, verified and visible. */
    record Stored(long size, Digest sha256) implements FileMessage {
        public Stored {
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    /** Client: delete file {@code name}. */
    record DeleteRequest(String name) implements FileMessage {
        public DeleteRequest {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Server: the file was deleted. */
    record Deleted() implements FileMessage {}

    /** Server: the request was refused; see {@link dev.wirekit.file.FileError} for the codes. */
    record ErrorReply(int code, String message) implements FileMessage {
        public ErrorReply {
            Objects.requireNonNull(message, "message");
        }
    }

    /** A message type this version does not know (from a newer peer); it carried no raw bytes. */
    record Unknown(int type) implements FileMessage {}

    /** Raw bytes of a file, following a {@link FileHeader} or a {@link Data} header. */
    record Chunk(ByteBuffer data) implements FileMessage {
        public Chunk {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public String toString() {
            return "Chunk[" + data.remaining() + " bytes]";
        }
    }
}
