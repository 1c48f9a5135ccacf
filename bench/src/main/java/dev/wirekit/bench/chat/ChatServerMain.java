package dev.wirekit.bench.chat;

import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.chat.ChatServer;
import dev.wirekit.chat.ChatServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Wirekit's chat server in its own JVM for {@link ChatBenchmark}: {@code nio} or {@code blocking}.
 * Prints {@code PORT n} and exits on {@code quit} (or the end of its input). Accounts in memory; the
 * flood limit is raised to 10 commands/s (the benchmark's clients send at most 4/s).
 */
public final class ChatServerMain {
    private ChatServerMain() {}

    public static void main(String[] args) throws Exception {
        ChatServerConfig config = ChatServerConfig.builder()
                .serverName("bench.wirekit")
                .floodRate(10)
                .floodBurst(50)
                .build();
        try (Transport transport = Transport.load(args[0]);
                ChatServer chat = ChatServer.create(config)) {
            var server = chat.listen(
                    transport,
                    new InetSocketAddress("127.0.0.1", 0),
                    TransportOptions.builder().maxConnections(20_000).build());
            System.out.println("PORT " + server.localAddress().getPort());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("quit")) {
                // wait
            }
        }
    }
}
