package dev.wirekit.transport.nio;

/** What a selection key is attached to: called on its loop when the key is ready. */
interface Handler {
    void ready(int readyOps);

    /** The loop is shutting down: close and report. */
    void loopClosed();

    /**
     * {@link #ready} threw {@code failure} (a bug, not an I/O error). Returns true when the handler
     * closed what it serves and reported why; false leaves it open, and the loop logs the failure.
     */
    default boolean failed(Throwable failure) {
        return false;
    }
}
