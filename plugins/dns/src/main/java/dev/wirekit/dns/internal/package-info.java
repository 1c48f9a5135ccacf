/**
 * The DNS plugin's implementation: wire reader and writer, master-file parser, zone lookup, the
 * server's query handling, cache, rate limiter and forwarder, and the CLI command. Not exported.
 */
package dev.wirekit.dns.internal;
