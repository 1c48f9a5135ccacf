/**
 * The black-box kit: wire conformance suites that check a live server at {@code host:port} —
 * Wirekit's or anyone's — and the runner behind {@code wirekit testkit SUITE --target host:port},
 * which reports a line per rule, JUnit XML and a JSON summary. Suites: {@link EchoSuite},
 * {@link TimeSuite}, {@link CalcSuite}, {@link ChatSuite} (IRC), {@link DnsSuite}, {@link HttpSuite}
 * and {@link FileSuite}; the last three take {@link Fact facts} about the server's content.
 */
package dev.wirekit.testkit.wire;
