/**
 * The HTTP/1.1 client: {@link dev.wirekit.http.client.HttpClient} sends a {@link
 * dev.wirekit.http.client.ClientRequest} and returns a {@link dev.wirekit.http.client.ClientResponse},
 * keeping connections alive in a pool per origin.
 *
 * <p>For applications that call HTTP servers, and for the forward proxy.
 */
package dev.wirekit.http.client;
