/**
 * How the scanner works inside: the connect phase ({@code ConnectScan}), the rate limiter, the
 * service prober and its TLS session, the match-table parser, and the report writers. Not exported;
 * subject to change.
 */
package dev.wirekit.scanner.internal;
