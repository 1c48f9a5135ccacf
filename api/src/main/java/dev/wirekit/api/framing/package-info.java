/**
 * Framing: how a byte stream becomes messages and messages become bytes.
 *
 * <p>For everyone who sends messages over a stream: pick a built-in from
 * {@link dev.wirekit.api.framing.Framers} and, for a typed protocol, put a codec on top with
 * {@link dev.wirekit.api.framing.Framer#map}. Implement {@link dev.wirekit.api.framing.Framer}
 * yourself only for a wire format the built-ins cannot express; the testkit's
 * {@code FramerVerification} then checks it against the same rules the built-ins pass.
 */
package dev.wirekit.api.framing;
