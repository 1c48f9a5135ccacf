/**
 * The port scanner: a TCP connect scan with banner grabbing and service detection, as a Java API
 * ({@link dev.wirekit.scanner.PortScanner}) and the {@code wirekit scan} command.
 */
module dev.wirekit.scanner {
    requires dev.wirekit.api;
    requires com.fasterxml.jackson.databind;
    requires java.management;
    requires jdk.management;

    exports dev.wirekit.scanner;

    provides dev.wirekit.spi.CommandProvider with
            dev.wirekit.scanner.ScanCommand;
}
