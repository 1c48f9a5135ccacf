package dev.wirekit.file;

/**
 * What a file server said about itself when the client connected.
 *
 * @param version the protocol version the connection speaks
 * @param readOnly whether uploads and deletes are refused
 * @param deleteAllowed whether files may be deleted
 * @param maxFileSize the largest file it accepts for upload, in bytes
 */
public record ServerInfo(int version, boolean readOnly, boolean deleteAllowed, long maxFileSize) {}
