/** The time service and client. */
module dev.wirekit.time {
    requires dev.wirekit.api;

    exports dev.wirekit.time;

    provides dev.wirekit.spi.ServiceProvider with
            dev.wirekit.time.TimeProvider;
    provides dev.wirekit.spi.CommandProvider with
            dev.wirekit.time.TimeCommand;
}
