/** The file transfer service and client. */
module dev.wirekit.file {
    requires dev.wirekit.api;

    exports dev.wirekit.file;

    provides dev.wirekit.spi.ServiceProvider with
            dev.wirekit.file.FileServerProvider;
    provides dev.wirekit.spi.CommandProvider with
            dev.wirekit.file.FileCommand;
}
