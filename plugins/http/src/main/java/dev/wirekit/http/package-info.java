/**
 * The HTTP message model shared by Wirekit's server, client and proxy: {@link
 * dev.wirekit.http.Headers}, {@link dev.wirekit.http.Parameters} (query strings and forms), {@link
 * dev.wirekit.http.HttpDate}, {@link dev.wirekit.http.HttpStatus} and {@link
 * dev.wirekit.http.HttpException}.
 *
 * <p>For applications: the server lives in {@link dev.wirekit.http.server}, the client in {@link
 * dev.wirekit.http.client}.
 */
package dev.wirekit.http;
