/** The client's implementation: connection pool, exchanges, the command-line command. Internal. */
package dev.wirekit.http.internal.client;
