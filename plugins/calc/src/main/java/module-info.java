/** The calculator service and client. */
module dev.wirekit.calc {
    requires dev.wirekit.api;

    exports dev.wirekit.calc;

    provides dev.wirekit.spi.ServiceProvider with
            dev.wirekit.calc.CalcProvider;
    provides dev.wirekit.spi.CommandProvider with
            dev.wirekit.calc.CalcCommand;
}
