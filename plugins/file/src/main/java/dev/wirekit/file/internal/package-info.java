/**
 * The file plugin's implementation: the protocol's messages, codec and framing, the served root
 * and its name policy, uploads in progress, and the per-connection session. Not exported.
 */
package dev.wirekit.file.internal;
