/**
 * The HTTP/1.1 server: {@link dev.wirekit.http.server.HttpServer} with its routes, {@link
 * dev.wirekit.http.server.StaticFiles}, {@link dev.wirekit.http.server.HttpLimits} and {@link
 * dev.wirekit.http.server.AccessLog}; handlers see a {@link dev.wirekit.http.server.Request} and
 * answer through a {@link dev.wirekit.http.server.Response}.
 *
 * <p>For applications that embed an HTTP server. Handlers run on virtual threads and may block.
 */
package dev.wirekit.http.server;
