package dev.wirekit.spi;

/** The socket kinds a service can be served over. */
public enum Protocol {
    TCP,
    UDP
}
