/**
 * Wirekit's DNS plugin: the wire-format codec, a resolver client over UDP and TCP, an authoritative
 * and forwarding server ({@code wirekit serve dns}) and the {@code wirekit dns lookup} command.
 * Exports the API package only; the implementation stays in {@code dev.wirekit.dns.internal}.
 */
module dev.wirekit.dns {
    requires transitive dev.wirekit.api;
    requires com.fasterxml.jackson.databind;

    exports dev.wirekit.dns;

    provides dev.wirekit.spi.ServiceProvider with
            dev.wirekit.dns.internal.DnsServiceProvider;
    provides dev.wirekit.spi.CommandProvider with
            dev.wirekit.dns.internal.DnsCommandProvider;
}
