package dev.wirekit.transport.nio;

/** What a selection key is attached to: called on its loop when the key is ready. */
interface Handler {
    void ready(int readyOps);

    /** The loop is shutting down: close and report. */
    void loopClosed();
}
