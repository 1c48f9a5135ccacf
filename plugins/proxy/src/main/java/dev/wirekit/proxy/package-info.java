/**
 * The forward proxy: {@link dev.wirekit.proxy.ForwardProxy} forwards absolute-form HTTP requests
 * through a shared RFC 9111 cache and opens CONNECT tunnels, safe by default.
 *
 * <p>For applications that embed a proxy; {@code wirekit serve proxy} runs one from the command
 * line.
 */
package dev.wirekit.proxy;
