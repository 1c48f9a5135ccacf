/** The TLS and DTLS engines over BouncyCastle's protocol classes. Not exported; not an API. */
package dev.wirekit.tls.internal;
