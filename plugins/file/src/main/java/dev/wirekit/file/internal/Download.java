package dev.wirekit.file.internal;

import dev.wirekit.file.FileError;
import dev.wirekit.file.internal.FileMessage.FileHeader;
import dev.wirekit.file.internal.FileMessage.GetRequest;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * Serves one GET: a FILE header with the whole file's size, time and SHA-256, then the requested
 * range as raw bytes straight from the file (zero-copy where the transport allows), handed to the
 * connection in slices of {@value #SLICE} bytes so that even a slow reader makes room for the next
 * slice well within the write timeout. The open file is returned to the session, which closes it
 * once the transport has written its last byte (when the next request comes, or the connection
 * ends): replacing the file meanwhile (an upload commits by renaming) never mixes two versions into
 * one download, and no flush has to wait, under a deadline, for a slow reader.
 */
final class Download {
    /** Bytes of the file handed to the connection at a time. */
    static final long SLICE = 256 * 1024;

    private final ServerSettings server;
    private final MessageChannel channel;
    private final String peer;

    Download(ServerSettings server, MessageChannel channel, String peer) {
        this.server = server;
        this.channel = channel;
        this.peer = peer;
    }

    /** Sends the file; returns it still open, for the session to close once it has been written. */
    ServedRoot.OpenFile run(GetRequest request) throws Refusal, IOException {
        ServedRoot.OpenFile file = server.root().openForRead(request.name());
        try {
            long size = file.attributes().size();
            if (request.offset() > size) {
                throw new Refusal(
                        FileError.BAD_OFFSET,
                        "offset " + request.offset() + " is beyond the end of '" + NamePolicy.printable(request.name())
                                + "' (" + size + " bytes)");
            }
            Digest digest = server.digests().digest(file);
            long length = size - request.offset();
            channel.send(new FileHeader(
                    size, file.attributes().lastModifiedTime().toMillis(), digest, request.offset(), length));
            long end = request.offset() + length;
            for (long at = request.offset(); at < end; at += SLICE) {
                channel.sendFile(file.channel(), at, Math.min(SLICE, end - at));
            }
            FileSession.LOG.log(
                    Level.DEBUG,
                    () -> "sent '" + NamePolicy.printable(request.name()) + "' (" + length + " bytes from "
                            + request.offset() + ") to " + peer);
            return file;
        } catch (Refusal | IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }
}
