/**
 * The port scanner: {@link dev.wirekit.scanner.PortScanner} scans TCP ports of the hosts it is
 * given with non-blocking connects, a rate limit and bounded concurrency; with banners on it
 * identifies services from what they say, using a {@link dev.wirekit.scanner.MatchTable} kept as
 * data. {@link dev.wirekit.scanner.ScanReports} writes the results as a table, a JSON report or a
 * JSON Lines stream; {@link dev.wirekit.scanner.ScanCommand} is {@code wirekit scan}.
 *
 * <p>For people who embed a scanner in their own tools and tests. Scan only hosts you may scan.
 */
package dev.wirekit.scanner;
