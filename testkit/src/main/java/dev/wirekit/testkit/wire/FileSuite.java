package dev.wirekit.testkit.wire;

import static dev.wirekit.testkit.wire.FileMessages.*;
import static dev.wirekit.testkit.wire.FilePeer.check;
import static dev.wirekit.testkit.wire.FilePeer.expectStored;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wirekit.testkit.Rule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Servers of Wirekit's file-transfer protocol ({@code docs/protocols/file.md}) seen as a black box:
 * the greeting, listing, download with resume, upload with digest check and resume, name
 * confinement and bad input (SPEC.md, section FT). The suite builds and reads the messages by hand,
 * sharing no code with Wirekit's client or server. Uploads go to names {@code ft-<random>-...},
 * which stay behind. A read-only server ({@code --fact uploads=false}) skips the rules that upload;
 * a server with an access token needs {@code --fact token=...}. The defaults match
 * {@code wirekit serve file --root DIR} on a writable directory.
 */
public class FileSuite extends WireSuite {
    /** What the suite must know about the file server. */
    public static final List<Fact> FACTS = List.of(
            new Fact("token", "the access token the server requires; none when it requires none", ""),
            new Fact("uploads", "true when the server accepts uploads (it is not read-only)", "true"));

    private final SplittableRandom random = new SplittableRandom();
    private final String prefix = "ft-" + Long.toHexString(random.nextLong() & 0xFFFFFFFFL) + "-";

    private String token() {
        return fact("token");
    }

    private void assumeUploads() {
        assumeTrue(capability("uploads"), "the server does not accept uploads (fact uploads=false)");
    }

    private FilePeer connect() throws IOException {
        return new FilePeer(connectRaw(), target().timeout());
    }

    private FilePeer greeted() throws IOException {
        FilePeer p = connect();
        p.send(hello(1, token()));
        p.frame().expectType(WELCOME);
        return p;
    }

    private String name(String suffix) {
        return prefix + suffix;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    @Test
    public void required_FT1_helloIsWelcomed() {
        Rule.verify(
                "FT-1",
                "HELLO version 1 is answered with WELCOME version 1 and a maximum file size",
                "the greeting: magic WKFT, version negotiation, and the token when one is required (fact token)",
                () -> {
                    try (FilePeer p = connect()) {
                        p.send(hello(1, token()));
                        Frame f = p.frame();
                        f.expectType(WELCOME);
                        int version = f.u16();
                        check(version == 1, "WELCOME chose version " + version + ", not 1");
                        f.body.getInt(); // flags
                        check(f.body.getLong() >= 0, "negative maximum file size");
                    }
                });
    }

    @Test
    public void required_FT2_requestBeforeHelloIsRefused() {
        Rule.verify(
                "FT-2",
                "a first message other than HELLO gets ERROR BAD_REQUEST and a close",
                "require HELLO first; answer anything else with an error, then close",
                () -> {
                    try (FilePeer p = connect()) {
                        p.send(frame(LIST));
                        p.frame().expectError(BAD_REQUEST);
                        p.expectClosed();
                    }
                });
    }

    @Test
    public void required_FT3_helloWithoutMagicCloses() {
        Rule.verify(
                "FT-3",
                "a HELLO without the magic bytes closes the connection (after an ERROR or not)",
                "check the magic: a peer speaking another protocol must not be served",
                () -> {
                    try (FilePeer p = connect()) {
                        ByteBuffer bad = ByteBuffer.allocate(1 + 4 + 2 + 2);
                        bad.put((byte) HELLO)
                                .putInt(0x48545450)
                                .putShort((short) 1)
                                .putShort((short) 0);
                        p.send(framed(bad.array()));
                        p.expectClosedAfterAnyError();
                    }
                });
    }

    @Test
    public void required_FT4_storedFilesAreListed() {
        assumeUploads();
        Rule.verify(
                "FT-4",
                "PUT with the right SHA-256 is STORED and then LISTed with its size",
                "the upload path: READY 0, DATA, the bytes, the digest check, the atomic move into the root",
                () -> {
                    byte[] content = bytes(70_000);
                    String name = name("stored.bin");
                    try (FilePeer p = greeted()) {
                        p.upload(name, content);
                        p.send(frame(LIST));
                        long listed = -1;
                        while (true) {
                            Frame f = p.frame();
                            if (f.type == LIST_END) {
                                break;
                            }
                            f.expectType(ENTRIES);
                            int count = f.u16();
                            for (int i = 0; i < count; i++) {
                                String n = f.text();
                                long size = f.body.getLong();
                                f.body.getLong(); // modification time
                                if (n.equals(name)) {
                                    listed = size;
                                }
                            }
                        }
                        check(
                                listed == content.length,
                                "LIST shows " + name + " with size " + listed + ", not " + content.length);
                    }
                });
    }

    @Test
    public void required_FT5_getReturnsTheStoredBytes() {
        assumeUploads();
        Rule.verify(
                "FT-5",
                "GET returns FILE and exactly the bytes stored; the connection stays usable",
                "the FILE header (size, digest, offset, length) and that exactly length bytes follow",
                () -> {
                    byte[] content = bytes(200_001);
                    String name = name("download.bin");
                    try (FilePeer p = greeted()) {
                        p.upload(name, content);
                        check(Arrays.equals(content, p.download(name, 0, content)), "GET returned other bytes");
                        p.download(name, 0, content); // again, on the same connection
                    }
                });
    }

    @Test
    public void required_FT6_getFromAnOffsetReturnsTheTail() {
        assumeUploads();
        Rule.verify(
                "FT-6",
                "GET from an offset returns the tail, with the whole file's digest; from the end, nothing",
                "resume: seek to the offset; the digest always covers the whole file",
                () -> {
                    byte[] content = bytes(100_000);
                    String name = name("tail.bin");
                    try (FilePeer p = greeted()) {
                        p.upload(name, content);
                        byte[] tail = p.download(name, 60_000, content);
                        check(
                                Arrays.equals(Arrays.copyOfRange(content, 60_000, content.length), tail),
                                "GET from 60000 returned other bytes than the tail");
                        check(p.download(name, content.length, content).length == 0, "GET from the end returned bytes");
                    }
                });
    }

    @Test
    public void required_FT7_offsetBeyondTheEndIsRefused() {
        assumeUploads();
        Rule.verify(
                "FT-7",
                "GET from beyond the end gets ERROR BAD_OFFSET; the connection stays usable",
                "compare the offset with the file's size before sending",
                () -> {
                    byte[] content = bytes(10);
                    String name = name("short.bin");
                    try (FilePeer p = greeted()) {
                        p.upload(name, content);
                        p.send(get(name, 11));
                        p.frame().expectError(BAD_OFFSET);
                        p.download(name, 0, content);
                    }
                });
    }

    @Test
    public void required_FT8_missingFileIsNotFound() {
        Rule.verify(
                "FT-8",
                "GET of a missing file gets ERROR NOT_FOUND; the connection stays usable",
                "errors about one request leave the connection open",
                () -> {
                    try (FilePeer p = greeted()) {
                        p.send(get(name("missing.bin"), 0));
                        p.frame().expectError(NOT_FOUND);
                        p.send(frame(LIST));
                        p.drainListing();
                    }
                });
    }

    @Test
    public void required_FT9_digestMismatchKeepsNothing() {
        assumeUploads();
        Rule.verify(
                "FT-9",
                "PUT whose data does not match its digest gets ERROR DIGEST_MISMATCH and keeps nothing",
                "check the SHA-256 before the upload becomes visible; delete the temporary file on mismatch",
                () -> {
                    byte[] content = bytes(50_000);
                    byte[] wrong = sha256(bytes(50_000));
                    String name = name("mismatch.bin");
                    try (FilePeer p = greeted()) {
                        p.send(put(name, content.length, wrong));
                        Frame ready = p.frame();
                        ready.expectType(READY);
                        check(ready.body.getLong() == 0, "a fresh upload must start at offset 0");
                        p.send(data(content.length));
                        p.send(content);
                        p.frame().expectError(DIGEST_MISMATCH);
                        p.send(get(name, 0));
                        p.frame().expectError(NOT_FOUND);
                    }
                });
    }

    @Test
    public void required_FT10_interruptedUploadResumes() {
        assumeUploads();
        Rule.verify(
                "FT-10",
                "an interrupted PUT is invisible, and a new PUT of the same file resumes from the bytes received",
                "keep the partial upload's bytes under a temporary name and offer their count in READY",
                () -> {
                    byte[] content = bytes(600_000);
                    byte[] digest = sha256(content);
                    String name = name("resumed.bin");
                    int sent = 300_000;
                    try (FilePeer p = greeted()) {
                        p.send(put(name, content.length, digest));
                        p.frame().expectType(READY);
                        p.send(data(content.length));
                        p.send(Arrays.copyOf(content, sent));
                    } // closed in order: every byte sent arrives
                    try (FilePeer other = greeted()) {
                        other.send(get(name, 0));
                        other.frame().expectError(NOT_FOUND);
                    }
                    long offset = 0;
                    long deadline = System.nanoTime() + target().timeout().toNanos();
                    while (offset == 0 && System.nanoTime() < deadline) { // the server may still be reading
                        try (FilePeer p = greeted()) {
                            p.send(put(name, content.length, digest));
                            Frame ready = p.frame();
                            ready.expectType(READY);
                            offset = ready.body.getLong();
                        }
                    }
                    check(
                            offset > 0 && offset <= sent,
                            "READY offered " + offset + " after " + sent + " bytes were sent");
                    try (FilePeer p = greeted()) {
                        p.send(put(name, content.length, digest));
                        Frame ready = p.frame();
                        ready.expectType(READY);
                        long from = ready.body.getLong();
                        check(from >= offset && from <= sent, "the resume offset went from " + offset + " to " + from);
                        p.send(data(content.length - from));
                        p.send(Arrays.copyOfRange(content, (int) from, content.length));
                        expectStored(p.frame(), content.length, digest);
                        check(Arrays.equals(content, p.download(name, 0, content)), "the resumed file differs");
                    }
                });
    }

    @Test
    public void required_FT11_namesStayInTheRoot() {
        boolean uploads = capability("uploads");
        Rule.verify(
                "FT-11",
                "names that lead out of the root or are not plain names are refused with BAD_NAME (GET, and PUT when uploads are allowed)",
                "validate names before touching the file system: no separators, '..', NUL, device names, dot files",
                () -> {
                    String[] names = {
                        "../" + name("escape"),
                        "..",
                        ".",
                        "",
                        "/etc/passwd",
                        "a/b",
                        "..\\" + name("x"),
                        "C:\\x",
                        "x\u0000y",
                        "CON",
                        "nul.txt",
                        ".hidden",
                        "\uFF0E\uFF0E\uFF0Fx",
                        "%2e%2e%2fx"
                    };
                    try (FilePeer p = greeted()) {
                        for (String n : names) {
                            if (uploads) {
                                p.send(put(n, 1, sha256(new byte[1])));
                                Frame f = p.frame();
                                check(
                                        f.isError(BAD_NAME),
                                        "PUT '" + printable(n) + "' was not refused with BAD_NAME: " + f);
                            }
                            p.send(get(n, 0));
                            Frame f = p.frame();
                            check(
                                    f.isError(BAD_NAME),
                                    "GET '" + printable(n) + "' was not refused with BAD_NAME: " + f);
                        }
                    }
                });
    }

    @Test
    public void required_FT12_lyingDataLengthIsRefused() {
        assumeUploads();
        Rule.verify(
                "FT-12",
                "DATA announcing another length than the PUT's remaining bytes gets ERROR BAD_REQUEST and a close",
                "compare DATA's length with the size and offset agreed; the stream cannot be resynchronised after",
                () -> {
                    byte[] content = bytes(1000);
                    try (FilePeer p = greeted()) {
                        p.send(put(name("lying.bin"), content.length, sha256(content)));
                        p.frame().expectType(READY);
                        p.send(data(content.length + 1));
                        p.frame().expectError(BAD_REQUEST);
                        p.expectClosed();
                    }
                });
    }

    @Test
    public void required_FT13_unknownMessageIsRefused() {
        Rule.verify(
                "FT-13",
                "an unknown message type gets ERROR BAD_REQUEST; the connection stays usable",
                "frames carry their length, so an unknown one can be skipped and answered",
                () -> {
                    try (FilePeer p = greeted()) {
                        p.send(framed(new byte[] {0x6E, 1, 2, 3}));
                        p.frame().expectError(BAD_REQUEST);
                        p.send(frame(LIST));
                        p.drainListing();
                    }
                });
    }

    @Test
    public void required_FT14_trailingFieldsAreIgnored() {
        assumeUploads();
        Rule.verify(
                "FT-14",
                "bytes after a message's known fields are ignored (room for later versions)",
                "decode the fields you know and skip the rest of the frame",
                () -> {
                    byte[] content = bytes(5000);
                    String name = name("extended.bin");
                    try (FilePeer p = greeted()) {
                        p.upload(name, content);
                        byte[] request = get(name, 0);
                        byte[] longer = Arrays.copyOf(request, request.length + 4);
                        ByteBuffer.wrap(longer).putInt(0, request.length); // the length covers 4 extra bytes
                        p.send(longer);
                        Frame f = p.frame();
                        f.expectType(FILE);
                        check(f.body.getLong() == content.length, "FILE size");
                        f.body.position(f.body.position() + 8 + 32 + 8);
                        long length = f.body.getLong();
                        check(Arrays.equals(content, p.readRaw((int) length)), "the file's bytes");
                    }
                });
    }

    @Test
    public void required_FT15_emptyFileRoundTrips() {
        assumeUploads();
        Rule.verify(
                "FT-15",
                "an empty file round-trips",
                "an upload of 0 bytes still gets DATA 0 and STORED; a download of it sends FILE with length 0",
                () -> {
                    String name = name("empty.bin");
                    try (FilePeer p = greeted()) {
                        p.upload(name, new byte[0]);
                        check(p.download(name, 0, new byte[0]).length == 0, "an empty file came back with bytes");
                    }
                });
    }

    @Test
    public void required_FT16_uploadInProgressIsInvisible() {
        assumeUploads();
        Rule.verify(
                "FT-16",
                "an upload in progress is not visible to other clients; once STORED it is",
                "write uploads to a temporary file and move it into place atomically",
                () -> {
                    byte[] content = bytes(400_000);
                    String name = name("invisible.bin");
                    try (FilePeer uploader = greeted();
                            FilePeer watcher = greeted()) {
                        uploader.send(put(name, content.length, sha256(content)));
                        uploader.frame().expectType(READY);
                        uploader.send(data(content.length));
                        uploader.send(Arrays.copyOf(content, 200_000));
                        watcher.send(get(name, 0));
                        watcher.frame().expectError(NOT_FOUND);
                        uploader.send(Arrays.copyOfRange(content, 200_000, content.length));
                        expectStored(uploader.frame(), content.length, sha256(content));
                        check(Arrays.equals(content, watcher.download(name, 0, content)), "the stored file differs");
                    }
                });
    }

    @Test
    public void optional_FT17_wrongTokenIsRefused() {
        String token = requireFact("token", "FT-17 checks that a server with an access token refuses a wrong one");
        Rule.verify(
                "FT-17",
                "a server with an access token refuses a wrong or empty one with ERROR UNAUTHORIZED and a close",
                "compare the token in constant time before anything else is served",
                () -> {
                    for (String wrong : List.of(token + "x", "")) {
                        try (FilePeer p = connect()) {
                            p.send(hello(1, wrong));
                            p.frame().expectError(UNAUTHORIZED);
                            p.expectClosed();
                        }
                    }
                });
    }
}
