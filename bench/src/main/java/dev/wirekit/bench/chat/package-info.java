/**
 * The chat benchmark: 1,000 IRC clients in 10 channels against Wirekit's chat server (NIO and
 * blocking transports) and ngircd, in one run. See {@link dev.wirekit.bench.chat.ChatBenchmark}.
 */
package dev.wirekit.bench.chat;
