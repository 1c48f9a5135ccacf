/** The chat server's and client's implementation; not exported. */
package dev.wirekit.chat.internal;
