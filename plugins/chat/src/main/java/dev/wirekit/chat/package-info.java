/**
 * IRC-compatible chat for applications: {@link dev.wirekit.chat.ChatServer} (with
 * {@link dev.wirekit.chat.ChatServerConfig} and {@link dev.wirekit.chat.AccountStore}),
 * {@link dev.wirekit.chat.ChatClient}, and the IRC message type {@link dev.wirekit.chat.IrcMessage}
 * with its framing {@link dev.wirekit.chat.IrcCodec}. The supported subset of IRC is described in
 * {@code docs/protocols/chat.md}.
 */
package dev.wirekit.chat;
