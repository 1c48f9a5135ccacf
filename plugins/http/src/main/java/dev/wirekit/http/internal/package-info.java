/** The HTTP/1.1 codec shared by server, client and proxy: parsers, body framing, buffers. Internal. */
package dev.wirekit.http.internal;
