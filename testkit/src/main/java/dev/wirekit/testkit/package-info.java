/**
 * The white-box kit: abstract JUnit 5 verification classes an implementer extends to certify a
 * transport ({@link dev.wirekit.testkit.TransportVerification},
 * {@link dev.wirekit.testkit.DatagramTransportVerification}) or a framer
 * ({@link dev.wirekit.testkit.FramerVerification}). Every rule is numbered (see {@code SPEC.md}) and
 * every failure names its rule and says what to check.
 */
package dev.wirekit.testkit;
