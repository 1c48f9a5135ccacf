package dev.wirekit.file.internal;

import dev.wirekit.file.FileError;
import dev.wirekit.file.internal.FileMessage.FileHeader;
import dev.wirekit.file.internal.FileMessage.GetRequest;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * Serves one GET: a FILE header with the whole file's size, time and SHA-256, then the requested
 * range as raw bytes straight from the file (zero-copy where the transport allows). The file is
 * held open until the transport has written the last byte, so replacing it meanwhile (an upload
 * commits by renaming) never mixes two versions into one download.
 */
final class Download {
    private final ServerSettings server;
    private final MessageChannel channel;
    private final String peer;

    Download(ServerSettings server, MessageChannel channel, String peer) {
        this.server = server;
        this.channel = channel;
        this.peer = peer;
    }

    void run(GetRequest request) throws Refusal, IOException {
        try (ServedRoot.OpenFile file = server.root().openForRead(request.name())) {
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
            channel.sendFile(file.channel(), request.offset(), length);
            channel.flush();
            FileSession.LOG.log(
                    Level.DEBUG,
                    () -> "sent '" + NamePolicy.printable(request.name()) + "' (" + length + " bytes from "
                            + request.offset() + ") to " + peer);
        }
    }
}
