package dev.wirekit.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.Server;
import dev.wirekit.api.Service;
import dev.wirekit.api.Session;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The write path of {@link NioWire}: writes from the event loop go out at once, writes from other
 * threads are queued and flushed by the loop. Both kinds on the same wires must keep each writer's
 * order and lose nothing.
 */
class NioWritePathTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void fanOutFromAnotherThreadInterleavedWithLoopRepliesKeepsEveryStreamInOrder() throws Exception {
        int clients = 4;
        int broadcasts = 3000; // ~1.5 MB per client: more than the socket buffers hold, so queues back up
        int pings = 100;
        Set<Session<String>> sessions = ConcurrentHashMap.newKeySet();
        CountDownLatch allOpen = new CountDownLatch(clients);
        Service<String> service = new Service<>() {
            @Override
            public boolean isNonBlocking() {
                return true; // callbacks on the loop: replies take the loop's direct write
            }

            @Override
            public void onOpen(Session<String> session) {
                sessions.add(session);
                allOpen.countDown();
            }

            @Override
            public void onMessage(Session<String> session, String message) {
                session.send("pong:" + message);
            }
        };
        try (Transport transport = Transport.of(new NioTransportProvider());
                Server server = transport.listen(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        Framers.lines(2048),
                        service,
                        TransportOptions.defaults())) {
            List<ClientSession<String>> peers = new ArrayList<>();
            try {
                for (int c = 0; c < clients; c++) {
                    peers.add(
                            transport.connect(server.localAddress(), Framers.lines(2048), TransportOptions.defaults()));
                }
                assertTrue(allOpen.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "every session opened");
                // One foreign thread fans numbered lines out to every session, as a chat server does,
                // while each client's pings are answered from the loop on the same wires. The clients
                // ping before they read, so replies meet wires whose queues are not empty.
                Thread fanOut = Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < broadcasts; i++) {
                        for (Session<String> s : sessions) {
                            s.send("b:" + i + ":" + "x".repeat(i % 997));
                        }
                    }
                });
                for (ClientSession<String> peer : peers) {
                    for (int i = 0; i < pings; i++) {
                        peer.send(Integer.toString(i));
                    }
                }
                for (ClientSession<String> peer : peers) {
                    int nextBroadcast = 0;
                    int nextPong = 0;
                    while (nextBroadcast < broadcasts || nextPong < pings) {
                        String line = peer.receive(TIMEOUT);
                        if (line.startsWith("pong:")) {
                            assertEquals(nextPong++, Integer.parseInt(line.substring(5)), "order of the replies");
                        } else {
                            String[] parts = line.split(":", -1);
                            assertEquals("b", parts[0], "a line from the fan-out: " + line);
                            int i = Integer.parseInt(parts[1]);
                            assertEquals(nextBroadcast++, i, "order of the fan-out");
                            assertEquals("x".repeat(i % 997), parts[2], "body of fan-out line " + i);
                        }
                    }
                }
                fanOut.join(TIMEOUT);
            } finally {
                for (ClientSession<String> peer : peers) {
                    peer.close();
                }
            }
        }
    }
}
