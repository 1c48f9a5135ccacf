package dev.wirekit.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every payload of the {@link TraversalCorpus}, and symbolic links in the root that lead out of
 * it, is refused for upload, download and delete with BAD_NAME; the whole directory around the
 * root is unchanged afterwards, and the server still serves a legitimate file and link.
 */
class FileTraversalTest {

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio"})
    void everyTraversalAttemptIsRefusedAndNothingIsWritten(String transport, @TempDir Path dir) throws Exception {
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createDirectory(outside.resolve("dir"));
        Path root = Files.createDirectory(dir.resolve("root"));
        Files.writeString(root.resolve("plain.txt"), "plain");
        Files.createDirectories(root.resolve(".wirekit/uploads"));
        Files.writeString(root.resolve(".wirekit/uploads/someone.part"), "partial");
        Files.createSymbolicLink(root.resolve("good-link"), Path.of("plain.txt"));
        Map<String, Path> links = Map.of(
                "link-out", Path.of("../outside/secret.txt"),
                "link-abs", outside.resolve("secret.txt").toAbsolutePath(),
                "link-etc", Path.of("/etc/passwd"),
                "link-up", Path.of(".."),
                "link-root", Path.of("."),
                "link-dir-out", Path.of("../outside/dir"),
                "link-work", Path.of(".wirekit/uploads/someone.part"),
                "link-chain", Path.of("link-out"),
                "dangling", Path.of("../outside/nope"));
        for (var link : links.entrySet()) {
            Files.createSymbolicLink(root.resolve(link.getKey()), link.getValue());
        }
        List<TraversalCorpus.Payload> payloads = new ArrayList<>(TraversalCorpus.payloads());
        for (String link : links.keySet()) {
            payloads.add(TraversalCorpus.Payload.text(link));
        }
        assertTrue(payloads.size() >= 100, "at least 100 payloads: " + payloads.size());

        var before = Fixtures.snapshot(dir);
        long passwd = Files.getLastModifiedTime(Path.of("/etc/passwd")).toMillis();
        List<String> accepted = new ArrayList<>();
        try (Fixtures.Running running = Fixtures.serve(
                transport, root, b -> b.allowDelete(true), dev.wirekit.api.TransportOptions.defaults())) {
            HandProtocol checks = new HandProtocol(Fixtures.WAIT);
            try (Socket socket = new Socket()) {
                socket.connect(running.address(), 10_000);
                socket.setSoTimeout((int) Fixtures.WAIT.toMillis());
                HandProtocol.Peer peer = checks.new Peer(socket);
                peer.send(HandProtocol.hello(1, null));
                peer.frame().expectType(HandProtocol.WELCOME);
                byte[] one = {42};
                for (TraversalCorpus.Payload p : payloads) {
                    byte[] name = p.name().length > 65535 ? java.util.Arrays.copyOf(p.name(), 65535) : p.name();
                    peer.send(HandProtocol.put(name, 1, HandProtocol.sha256(one)));
                    HandProtocol.Frame put = peer.frame();
                    if (put.type == HandProtocol.READY) {
                        accepted.add("PUT " + p.label());
                        peer.send(HandProtocol.data(1));
                        peer.send(one);
                        peer.frame();
                    } else if (!put.isError(HandProtocol.BAD_NAME)) {
                        accepted.add("PUT " + p.label() + " -> " + put);
                    }
                    peer.send(HandProtocol.get(name, 0));
                    HandProtocol.Frame get = peer.frame();
                    boolean dangling = p.label().equals("dangling");
                    if (get.type == HandProtocol.FILE) {
                        accepted.add("GET " + p.label());
                        get.body.position(get.body.limit() - 8);
                        peer.readRaw((int) get.body.getLong());
                    } else if (!get.isError(HandProtocol.BAD_NAME)
                            && !(dangling && get.isError(HandProtocol.NOT_FOUND))) {
                        accepted.add("GET " + p.label() + " -> " + get);
                    }
                    peer.send(HandProtocol.delete(name));
                    HandProtocol.Frame delete = peer.frame();
                    if (!delete.isError(HandProtocol.BAD_NAME)) {
                        accepted.add("DELETE " + p.label() + " -> " + delete);
                    }
                }
                assertEquals(List.of(), accepted, "requests that were not refused with BAD_NAME");

                // the same connection still serves what it should
                peer.send(HandProtocol.get("good-link", 0));
                HandProtocol.Frame good = peer.frame();
                good.expectType(HandProtocol.FILE);
                good.body.position(good.body.limit() - 8);
                assertArrayEquals("plain".getBytes(StandardCharsets.UTF_8), peer.readRaw((int) good.body.getLong()));
            }
            try (FileClient client = running.client()) {
                assertEquals(
                        List.of("good-link", "plain.txt"),
                        client.list().stream().map(RemoteFile::name).toList(),
                        "links leading out, hidden names and the work area are not listed");
            }
        }
        assertEquals(before, Fixtures.snapshot(dir), "files inside and outside the root are unchanged");
        assertEquals("secret", Files.readString(outside.resolve("secret.txt")));
        assertEquals(passwd, Files.getLastModifiedTime(Path.of("/etc/passwd")).toMillis());
    }
}
