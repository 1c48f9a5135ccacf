/**
 * Seeded property testing without a framework: {@link dev.wirekit.testkit.property.Property} runs an
 * assertion over random inputs from {@link dev.wirekit.testkit.property.Generators}, prints the seed
 * that reproduces a failure, and shrinks the failing input by halving.
 * {@link dev.wirekit.testkit.property.Chunking} cuts byte streams the ways a network may deliver
 * them.
 */
package dev.wirekit.testkit.property;
