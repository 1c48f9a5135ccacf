/**
 * The {@code wirekit} command line. It names no plugin: services, client commands and transports are
 * found through the SPI on the module path or class path.
 */
module dev.wirekit.cli {
    requires dev.wirekit.api;
    requires dev.wirekit.tls;
    requires info.picocli;
    requires java.logging;

    opens dev.wirekit.cli to
            info.picocli;
}
