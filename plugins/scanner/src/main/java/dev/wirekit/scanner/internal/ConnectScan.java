package dev.wirekit.scanner.internal;

import dev.wirekit.api.Connection;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.scanner.PortState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connect phase of a scan: one non-blocking connection attempt per (target, port), at most
 * {@code concurrency} at once and {@code rate} per second, with retries for attempts that got no
 * answer.
 *
 * <p>A few lanes (virtual threads, one per processor) start the attempts; each attempt completes
 * wherever the transport completes it (often at once, on the lane, when the handshake or the reset
 * is already done; else on an event loop), where it is classified and handed on without blocking.
 * A permit of the window is held from the start of an attempt until the port is settled —
 * including the banner work on an open port — so {@code concurrency} bounds the sockets in use.
 */
public final class ConnectScan {

    /** Where settled ports go. Called from lanes and event loops: must not block. */
    public interface Outcomes {
        /**
         * A port accepted a connection, which is now the callee's; {@code release} must be run
         * exactly once when the callee is done with the port.
         */
        void open(int target, int port, Connection connection, long latencyNanos, int attempts, Runnable release);

        /** A port is closed or filtered. */
        void settled(int target, int port, PortState state, String reason, long latencyNanos, int attempts);
    }

    private record Attempt(int target, int port, int number) {}

    private static final System.Logger LOG = System.getLogger("dev.wirekit.scanner");

    private final Transport transport;
    private final TransportOptions options;
    private final InetAddress[] addresses;
    private final int[] ports;
    private final int retries;
    private final Semaphore window;
    private final RateLimiter limiter;
    private final Ticker ticker;
    private final Outcomes outcomes;
    private final long total;
    private final AtomicLong cursor = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Attempt> retryQueue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile IOException fatal;
    private volatile boolean stopping;
    /** Settles refusals known at once without the transport; null when none, or once it stopped paying. */
    private volatile RefusalProbe probe;

    private final AtomicInteger probed = new AtomicInteger();
    private final AtomicInteger probeSettled = new AtomicInteger();
    /** Attempts after which the probe is kept only if it settled at least half of them. */
    private static final int PROBE_TRIAL = 256;

    /**
     * @param limiter null for no rate limit
     */
    public ConnectScan(
            Transport transport,
            TransportOptions options,
            List<InetAddress> targets,
            int[] ports,
            int concurrency,
            int retries,
            RateLimiter limiter,
            Ticker ticker,
            Outcomes outcomes) {
        this.transport = transport;
        this.options = options;
        this.addresses = targets.toArray(InetAddress[]::new);
        this.ports = ports.clone();
        this.retries = retries;
        this.window = new Semaphore(concurrency);
        this.limiter = limiter;
        this.ticker = ticker;
        this.outcomes = outcomes;
        this.total = (long) addresses.length * this.ports.length;
    }

    /**
     * Lets {@code refusals} settle ports refused at once before the transport is asked (a host on
     * loopback or a virtual link). It is dropped after a trial of {@value #PROBE_TRIAL} attempts
     * if it settled fewer than half of them: then the answers come over a real network, and every
     * probed port would only cost one extra connection attempt.
     */
    public ConnectScan refusalProbe(RefusalProbe refusals) {
        this.probe = refusals;
        return this;
    }

    /**
     * Runs the phase to the end: every port settled and released.
     *
     * @throws IOException when attempts fail for a local reason (no file descriptors or ports
     *     left); the attempts under way are finished first
     * @throws InterruptedException when interrupted; the attempts under way are finished first
     */
    public void run(int lanes) throws IOException, InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            threads.add(Thread.ofVirtual().name("wirekit-scan-lane-" + i).start(this::lane));
        }
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    stopping = true;
                    threads.forEach(Thread::interrupt);
                }
            }
        }
        awaitIdle();
        if (interrupted) {
            throw new InterruptedException("scan interrupted");
        }
        if (fatal != null) {
            throw fatal;
        }
    }

    private void lane() {
        try {
            Attempt attempt;
            while (!stopping && (attempt = next()) != null) {
                if (limiter != null) {
                    limiter.acquire();
                }
                // Settled here, on the lane, with no socket left open: no permit of the window needed.
                if (settledByProbe(attempt)) {
                    continue;
                }
                window.acquire();
                start(attempt);
            }
        } catch (InterruptedException e) {
            stopping = true;
        }
    }

    /** The next attempt: a retry, else a fresh port; waits at the end while retries may still come. */
    private Attempt next() throws InterruptedException {
        while (true) {
            Attempt retry = retryQueue.poll();
            if (retry != null) {
                return retry;
            }
            long i = cursor.getAndIncrement();
            if (i < total) {
                // port-major: with several targets, consecutive attempts go to different hosts
                return new Attempt((int) (i % addresses.length), ports[(int) (i / addresses.length)], 1);
            }
            lock.lock();
            try {
                while (retryQueue.isEmpty() && inFlight.get() > 0 && !stopping) {
                    changed.await();
                }
                if (retryQueue.isEmpty()) {
                    return null;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Whether the probe settled {@code a} as refused (a first attempt only; retries go through the transport). */
    private boolean settledByProbe(Attempt a) {
        RefusalProbe refusals = probe;
        if (refusals == null || a.number != 1) {
            return false;
        }
        long started = ticker.nanoTime();
        if (!refusedAtOnce(refusals, a)) {
            return false;
        }
        // reported exactly as the transport's refusal is
        outcomes.settled(
                a.target, a.port, Verdict.REFUSED.state(), Verdict.REFUSED.reason(), ticker.nanoTime() - started, 1);
        return true;
    }

    private void start(Attempt a) {
        inFlight.incrementAndGet();
        long started = ticker.nanoTime();
        CompletableFuture<Connection> future;
        try {
            future = transport.connectAsync(new InetSocketAddress(addresses[a.target], a.port), options);
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        // handle, not whenComplete: no CompletionException is made for the refused majority
        future.handle((connection, failure) -> {
            completed(a, started, connection, failure);
            return null;
        });
    }

    private void completed(Attempt a, long started, Connection connection, Throwable failure) {
        long latency = ticker.nanoTime() - started;
        if (failure == null) {
            try {
                outcomes.open(a.target, a.port, connection, latency, a.number, this::release);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "handing on the open port " + a.port + " failed", e);
                connection.abort();
                release();
            }
            return;
        }
        Verdict verdict = Verdict.of(failure);
        try {
            if (verdict.local()) {
                if (fatal == null) {
                    fatal = new IOException(
                            "cannot test " + addresses[a.target].getHostAddress() + ":" + a.port
                                    + ": " + verdict.reason() + " (a local failure: the scan stops; lower the"
                                    + " concurrency, or raise the open-file limit)",
                            Verdict.unwrap(failure));
                }
                stopping = true;
            } else if (verdict.retry() && a.number <= retries && !stopping) {
                retryQueue.add(new Attempt(a.target, a.port, a.number + 1));
            } else {
                outcomes.settled(a.target, a.port, verdict.state(), verdict.reason(), latency, a.number);
            }
        } finally {
            release();
        }
    }

    private boolean refusedAtOnce(RefusalProbe refusals, Attempt a) {
        boolean refused = refusals.refusedAtOnce(addresses[a.target], a.port);
        if (refused) {
            probeSettled.incrementAndGet();
        }
        if (probed.incrementAndGet() == PROBE_TRIAL && probeSettled.get() < PROBE_TRIAL / 2) {
            probe = null;
            LOG.log(
                    System.Logger.Level.DEBUG,
                    () -> "the quick refusal check settled " + probeSettled.get() + " of " + PROBE_TRIAL
                            + " ports: answers come over a network, so every port goes through the transport");
        }
        return refused;
    }

    /** One attempt is over: its permit and its place in flight are given back. */
    private void release() {
        window.release();
        if (inFlight.decrementAndGet() == 0 || cursor.get() >= total) {
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void awaitIdle() {
        lock.lock();
        try {
            while (inFlight.get() > 0) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }
}
