/** Certificate trust (PKIX, pins) and RFC 6125 host name checks. Not exported; not an API. */
package dev.wirekit.tls.internal.trust;
