package dev.wirekit.http.server;

/** The access log that writes nothing. */
enum NoAccessLog implements AccessLog {
    INSTANCE;

    @Override
    public void write(String line) {}

    @Override
    public boolean enabled() {
        return false;
    }
}
