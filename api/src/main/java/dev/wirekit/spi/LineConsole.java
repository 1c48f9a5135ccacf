package dev.wirekit.spi;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.SessionClosedException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The interactive loop of a line-based client command: what the user types is sent, what arrives is
 * printed as soon as it arrives (a reader thread runs beside the prompt), and the loop ends at the
 * end of input, on {@code quit}, or when the server closes the connection.
 *
 * <p>At the end of input nothing in flight is lost: over TCP the console half-closes and prints
 * replies until the server closes; over UDP it waits (briefly) until every line sent was answered.
 */
public final class LineConsole {
    private static final Duration LINGER = Duration.ofSeconds(5);

    private LineConsole() {}

    /**
     * Runs the loop on {@code session} until it ends, then closes the session.
     *
     * @param prompt shown before each line the user types, when interactive
     * @param datagram whether the session is a datagram session (one reply per line expected)
     * @return 0, or 1 when the connection failed
     */
    public static int run(CommandContext context, ClientSession<String> session, String prompt, boolean datagram)
            throws IOException {
        AtomicBoolean failed = new AtomicBoolean();
        AtomicInteger received = new AtomicInteger();
        Thread reader = Thread.ofVirtual()
                .name("wirekit-console-reader")
                .start(() -> printIncoming(context, session, failed, received));
        int sent = 0;
        try {
            String line;
            while (session.isOpen() && (line = context.readLine(prompt)) != null) {
                if (line.equals("quit") || line.equals("exit")) {
                    break;
                }
                if (!line.isEmpty()) {
                    session.send(line);
                    sent++;
                }
            }
            if (datagram) {
                awaitReplies(received, sent);
            } else {
                session.shutdownOutput();
                reader.join(LINGER);
            }
        } catch (SessionClosedException e) {
            // the server closed while we were typing: the reader has reported it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            session.close();
        }
        try {
            reader.join(LINGER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return failed.get() ? 1 : 0;
    }

    private static void awaitReplies(AtomicInteger received, int sent) throws InterruptedException {
        long deadline = System.nanoTime() + LINGER.toNanos();
        synchronized (received) {
            while (received.get() < sent && System.nanoTime() < deadline) {
                received.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        }
    }

    private static void printIncoming(
            CommandContext context, ClientSession<String> session, AtomicBoolean failed, AtomicInteger received) {
        try {
            String message;
            while ((message = session.receive(Duration.ZERO)) != null) {
                context.out().println(message);
                context.out().flush();
                synchronized (received) {
                    received.incrementAndGet();
                    received.notifyAll();
                }
            }
            if (context.interactive()) {
                context.err().println("(connection closed by the server)");
            }
        } catch (IOException e) {
            failed.set(true);
            context.err().println("connection failed: " + e.getMessage());
        }
    }
}
