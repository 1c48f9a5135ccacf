package dev.wirekit.http.internal.server;

import dev.wirekit.http.server.Response;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** A {@code 206} response with several ranges: a {@code multipart/byteranges} body (RFC 9110 14.6). */
final class MultipartRanges {
    private MultipartRanges() {}

    static void send(Response response, FileChannel file, String type, long size, List<ByteRanges.Range> ranges)
            throws IOException {
        String boundary = Long.toHexString(ThreadLocalRandom.current().nextLong())
                + Long.toHexString(ThreadLocalRandom.current().nextLong());
        List<byte[]> partHeads = new ArrayList<>();
        long length = 0;
        for (ByteRanges.Range r : ranges) {
            byte[] head = ("\r\n--" + boundary + "\r\nContent-Type: " + type + "\r\nContent-Range: bytes " + r.first()
                            + "-" + r.last() + "/" + size + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            partHeads.add(head);
            length += head.length + r.length();
        }
        byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        length += end.length;
        response.status(206)
                .header("Content-Type", "multipart/byteranges; boundary=" + boundary)
                .header("Content-Length", Long.toString(length));
        try (OutputStream out = response.outputStream()) {
            ByteBuffer chunk = ByteBuffer.allocate(16 * 1024);
            for (int i = 0; i < ranges.size(); i++) {
                ByteRanges.Range r = ranges.get(i);
                out.write(partHeads.get(i));
                long at = r.first();
                long left = r.length();
                while (left > 0) {
                    chunk.clear().limit((int) Math.min(chunk.capacity(), left));
                    int n = file.read(chunk, at);
                    if (n < 0) {
                        throw new EOFException("the file shrank while it was being sent");
                    }
                    out.write(chunk.array(), 0, n);
                    at += n;
                    left -= n;
                }
            }
            out.write(end);
        }
    }
}
