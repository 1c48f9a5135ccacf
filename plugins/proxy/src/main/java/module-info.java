/**
 * Wirekit's forward proxy: absolute-form forwarding through a shared RFC 9111 cache, and CONNECT
 * tunnels. Built on the public API of {@code dev.wirekit.http}.
 */
module dev.wirekit.proxy {
    requires transitive dev.wirekit.http;

    exports dev.wirekit.proxy;

    provides dev.wirekit.spi.ServiceProvider with
            dev.wirekit.proxy.internal.ProxyServiceProvider;
}
