/** The echo service and client. */
module dev.wirekit.echo {
    requires dev.wirekit.api;

    exports dev.wirekit.echo;

    provides dev.wirekit.spi.ServiceProvider with
            dev.wirekit.echo.EchoProvider;
    provides dev.wirekit.spi.CommandProvider with
            dev.wirekit.echo.EchoCommand;
}
