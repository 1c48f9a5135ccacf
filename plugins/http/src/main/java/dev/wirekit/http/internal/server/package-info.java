/** The server's implementation: connection loop, exchanges, routing, static files. Internal. */
package dev.wirekit.http.internal.server;
