package dev.wirekit.file;

/**
 * Follows one download or upload, for a progress bar or a log. Called on the thread that runs the
 * transfer, so keep it quick.
 *
 * <p>A listener may stop the transfer by throwing from a callback: the client then drops the
 * connection at once (the exception reaches the caller of the transfer), and the transfer can be
 * resumed later: a download keeps its {@code .part} file, and the server keeps an upload's
 * partial file.
 */
public interface TransferListener {
    /** A listener that does nothing. */
    TransferListener NONE = new TransferListener() {};

    /**
     * A local file is being hashed before data moves: the whole file before an upload, or the
     * part already downloaded before a download resumes. {@code done} of {@code size} bytes are
     * hashed; called after each chunk.
     */
    default void hashing(String name, long done, long size) {}

    /**
     * The transfer is about to move data.
     *
     * @param name the remote file's name
     * @param resumedFrom bytes already in place from an earlier attempt (0 for a fresh transfer)
     * @param size the whole file's size
     */
    default void started(String name, long resumedFrom, long size) {}

    /**
     * More bytes have moved: {@code done} of {@code size} are now in place (counting those from
     * an earlier attempt). For an upload, "in place" means handed to the connection.
     */
    default void progressed(long done, long size) {}
}
