/**
 * Wirekit's API and SPI. No dependencies beyond java.base.
 *
 * <p>Exports the API for applications ({@code dev.wirekit.api} and its sub-packages) and the SPI for
 * extensions ({@code dev.wirekit.spi}). The machinery shared by every transport lives in
 * {@code dev.wirekit.internal} and is not exported.
 */
module dev.wirekit.api {
    exports dev.wirekit.api;
    exports dev.wirekit.api.framing;
    exports dev.wirekit.api.layer;
    exports dev.wirekit.spi;

    uses dev.wirekit.spi.TransportProvider;
    uses dev.wirekit.spi.ServiceProvider;
    uses dev.wirekit.spi.CommandProvider;
}
