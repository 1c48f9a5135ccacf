/** The proxy's shared HTTP cache (RFC 9111) and its memory and disk stores. Internal. */
package dev.wirekit.proxy.internal.cache;
