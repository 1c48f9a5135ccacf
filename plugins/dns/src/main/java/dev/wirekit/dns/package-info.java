/**
 * DNS for Wirekit users: the wire-format codec ({@link dev.wirekit.dns.DnsMessage} and its parts,
 * {@link dev.wirekit.dns.DnsFramers}), a resolver client ({@link dev.wirekit.dns.DnsResolver}) and
 * an authoritative and forwarding server ({@link dev.wirekit.dns.DnsServer}, zones from master
 * files with {@link dev.wirekit.dns.Zone}).
 *
 * <p>Every type here is immutable or thread-safe as its javadoc says; decoding is strict and
 * reports malformed input as {@link dev.wirekit.dns.DnsFormatException}.
 */
package dev.wirekit.dns;
