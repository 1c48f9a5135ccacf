package dev.wirekit.http.internal.server;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** An HTML page listing one directory: directories first, then files, each with size and date. */
final class DirectoryListing {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(String name, boolean directory, long size, String modified) {}

    private DirectoryListing() {}

    /** The page for {@code dir}, shown at {@code displayPath}; hidden names left out unless allowed. */
    static String html(Path dir, String displayPath, boolean hiddenFiles) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (!hiddenFiles && name.startsWith(".")) {
                    continue;
                }
                if (entries.size() == MAX_ENTRIES) {
                    break;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class);
                } catch (IOException e) {
                    continue; // vanished or unreadable: not listed
                }
                entries.add(new Entry(
                        name,
                        a.isDirectory(),
                        a.size(),
                        DATE.format(a.lastModifiedTime().toInstant())));
            }
        }
        entries.sort(Comparator.comparing((Entry e) -> !e.directory).thenComparing(Entry::name));
        String title = escape(displayPath);
        StringBuilder sb = new StringBuilder(256 + entries.size() * 96);
        sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Index of ")
                .append(title)
                .append("</title></head>\n<body><h1>Index of ")
                .append(title)
                .append("</h1>\n<table>\n<tr><th>Name</th><th>Size</th><th>Modified (UTC)</th></tr>\n");
        if (!displayPath.equals("/")) {
            sb.append("<tr><td><a href=\"../\">../</a></td><td></td><td></td></tr>\n");
        }
        for (Entry e : entries) {
            String href = PathCodec.encodeSegment(e.name) + (e.directory ? "/" : "");
            sb.append("<tr><td><a href=\"")
                    .append(escape(href))
                    .append("\">")
                    .append(escape(e.name))
                    .append(e.directory ? "/" : "")
                    .append("</a></td><td>")
                    .append(e.directory ? "-" : Long.toString(e.size))
                    .append("</td><td>")
                    .append(e.modified)
                    .append("</td></tr>\n");
        }
        sb.append("</table>\n</body></html>\n");
        return sb.toString();
    }

    /** Escapes text for HTML content and attribute values. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
