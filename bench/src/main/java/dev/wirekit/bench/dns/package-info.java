/** DNS server throughput: Wirekit against dnsmasq, measured by dnsperf. */
package dev.wirekit.bench.dns;
