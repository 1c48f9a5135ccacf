package dev.wirekit.transport.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One selector on one platform thread. Runs ready handlers, then queued tasks. Never runs code that
 * may block: Wirekit moves such work to virtual threads before it gets here.
 */
final class EventLoop implements Runnable {
    private static final System.Logger LOG = System.getLogger("dev.wirekit.transport.nio");

    final Selector selector;
    /** Reused for every stream read on this loop: receivers copy what they keep. */
    final ByteBuffer readBuffer = ByteBuffer.allocateDirect(256 * 1024);
    /** Reused for every datagram received on this loop; one more than the largest UDP payload. */
    final ByteBuffer datagramBuffer = ByteBuffer.allocateDirect(65_536);

    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    EventLoop(String name) throws IOException {
        this.selector = Selector.open();
        this.thread = new Thread(this, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on this loop: now if called from it, else soon. */
    void run(Runnable task) {
        if (inLoop()) {
            task.run();
        } else {
            execute(task);
        }
    }

    /** Queues {@code task} for this loop. */
    void execute(Runnable task) {
        if (!running) {
            throw new RejectedExecutionException("event loop " + thread.getName() + " is stopped");
        }
        tasks.add(task);
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    @Override
    public void run() {
        try {
            while (running) {
                try {
                    if (tasks.isEmpty()) {
                        selector.select(this::dispatch);
                    } else {
                        selector.selectNow(this::dispatch);
                    }
                    wakeupPending.set(false);
                    runTasks();
                } catch (Throwable t) {
                    try {
                        LOG.log(System.Logger.Level.ERROR, "event loop " + thread.getName() + " caught an error", t);
                    } catch (Throwable loggingFailed) {
                        // a logger that throws (out of file descriptors, say) must not end the loop
                    }
                }
            }
        } finally {
            shutdownChannels();
            stopped.countDown();
        }
    }

    private void dispatch(SelectionKey key) {
        Object attachment = key.attachment();
        if (attachment instanceof Handler handler) {
            try {
                handler.ready(key.readyOps());
            } catch (java.nio.channels.CancelledKeyException e) {
                // closed while we looked at it
            } catch (Throwable t) {
                // close what failed (one connection) rather than leave its peer waiting for ever
                if (!handler.failed(t)) {
                    LOG.log(System.Logger.Level.ERROR, "handler " + handler + " failed", t);
                }
            }
        }
    }

    private void runTasks() {
        Runnable task;
        int budget = 1024;
        while (budget-- > 0 && (task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.ERROR, "task on " + thread.getName() + " failed", t);
            }
        }
    }

    private void shutdownChannels() {
        runTasks();
        List<Handler> handlers = new ArrayList<>();
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Handler h) {
                handlers.add(h);
            }
        }
        for (Handler h : handlers) {
            try {
                h.loopClosed();
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.WARNING, "closing " + h + " failed: " + t);
            }
        }
        tasks.clear();
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    /** Stops the loop, closing what is registered on it; waits for the thread to end. */
    void shutdown() {
        running = false;
        selector.wakeup();
        if (!inLoop()) {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean isRunning() {
        return running;
    }

    @Override
    public String toString() {
        return thread.getName();
    }
}
