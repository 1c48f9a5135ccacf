package dev.wirekit.http.internal;

import dev.wirekit.http.Headers;
import dev.wirekit.http.HttpStatus;
import java.io.IOException;

/** Writes message heads into an {@link OutputBuffer}. Values were checked by {@link Headers}. */
public final class HeadWriter {
    private HeadWriter() {}

    /** {@code HTTP/1.1 status reason}, then the fields, then the empty line. */
    public static void response(OutputBuffer out, int status, Headers fields) throws IOException {
        out.writeLatin1("HTTP/1.1 ");
        out.writeLatin1(Integer.toString(status));
        out.writeByte(' ');
        out.writeLatin1(HttpStatus.reason(status));
        out.writeCrlf();
        fields(out, fields);
        out.writeCrlf();
    }

    /** {@code method target HTTP/1.1}, then the fields, then the empty line. */
    public static void request(OutputBuffer out, String method, String target, Headers fields) throws IOException {
        out.writeLatin1(method);
        out.writeByte(' ');
        out.writeLatin1(target);
        out.writeLatin1(" HTTP/1.1");
        out.writeCrlf();
        fields(out, fields);
        out.writeCrlf();
    }

    /** One {@code name: value} line per field. */
    public static void fields(OutputBuffer out, Headers fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            out.writeLatin1(fields.name(i));
            out.writeByte(':');
            out.writeByte(' ');
            out.writeLatin1(fields.value(i));
            out.writeCrlf();
        }
    }
}
