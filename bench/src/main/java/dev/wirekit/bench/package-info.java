/**
 * Benchmarks: each one runs Wirekit and its named peers side by side in one run and prints ratios.
 * See docs/BENCHMARKS.md for the commands and the last figures.
 */
package dev.wirekit.bench;
