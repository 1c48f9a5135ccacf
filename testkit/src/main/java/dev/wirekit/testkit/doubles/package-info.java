/**
 * Test doubles for people testing with Wirekit: a scripted fault peer, a reversible test layer, an
 * in-memory pipe transport and a test PKI. Published, so that third parties test their own code
 * against the same misbehaviour Wirekit's suites use.
 */
package dev.wirekit.testkit.doubles;
