package dev.wirekit.http.server;

import dev.wirekit.http.Headers;
import java.nio.charset.StandardCharsets;

/**
 * One part of a {@code multipart/form-data} body (RFC 7578): a form field, or an uploaded file.
 *
 * @param name the field name from {@code Content-Disposition}
 * @param filename the file name the browser sent, or null for a plain field
 * @param contentType the part's Content-Type ({@code text/plain} when it names none)
 * @param headers every header field of the part
 * @param content the part's bytes
 */
public record FormPart(String name, String filename, String contentType, Headers headers, byte[] content) {

    /** The content as UTF-8 text (what browsers send for plain fields). */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** Whether this part is an uploaded file. */
    public boolean isFile() {
        return filename != null;
    }
}
