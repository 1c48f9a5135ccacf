package dev.wirekit.file;

import dev.wirekit.file.internal.ByteSizes;
import dev.wirekit.spi.Deployment;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.spi.ServiceProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code wirekit serve file --root DIR}: a {@link FileServer} on TCP port {@value
 * FileServer#DEFAULT_PORT} by default. The root must be given: serving (and accepting uploads into)
 * the current directory by accident is too easy a mistake.
 */
public final class FileServerProvider implements ServiceProvider {

    @Override
    public String name() {
        return "file";
    }

    @Override
    public String description() {
        return "file transfer: list, download and upload with resume and SHA-256 integrity";
    }

    @Override
    public int defaultPort() {
        return FileServer.DEFAULT_PORT;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.path("root", "the directory to serve", null).asRequired(),
                OptionSpec.flag("read-only", "refuse uploads and deletes; write nothing"),
                OptionSpec.flag("allow-delete", "let clients delete files"),
                OptionSpec.string("max-file-size", "the largest upload accepted (16GiB, 500MB...)", "16GiB"),
                OptionSpec.string("min-free-space", "disk space uploads must leave free", "64MiB"),
                OptionSpec.string("token", "an access token clients must present (prefer --token-file)", null),
                OptionSpec.path("token-file", "read the access token from this file", null),
                OptionSpec.duration(
                        "partial-ttl", "how long an interrupted upload is kept for a resume", Duration.ofHours(24)));
    }

    @Override
    public Deployment create(OptionValues options) {
        Path root = options.path("root");
        if (root == null) {
            throw new IllegalArgumentException("option --root is required: the directory to serve");
        }
        String token = options.string("token");
        Path tokenFile = options.path("token-file");
        if (token != null && tokenFile != null) {
            throw new IllegalArgumentException("give --token or --token-file, not both");
        }
        if (tokenFile != null) {
            try {
                token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("option --token-file: cannot read " + tokenFile + ": " + e, e);
            }
            if (token.isEmpty()) {
                throw new IllegalArgumentException("option --token-file: " + tokenFile + " is empty");
            }
        }
        FileServer server = FileServer.builder(root)
                .readOnly(options.flag("read-only"))
                .allowDelete(options.flag("allow-delete"))
                .maxFileSize(ByteSizes.parse("option --max-file-size", options.string("max-file-size")))
                .minFreeSpace(ByteSizes.parse("option --min-free-space", options.string("min-free-space")))
                .token(token)
                .partialUploadTtl(positive(options.duration("partial-ttl")))
                .build();
        return context -> server.listen(context.transport(), context.address(), context.streamOptions());
    }

    private static Duration positive(Duration ttl) {
        if (ttl == null || ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("option --partial-ttl must be positive: " + ttl);
        }
        return ttl;
    }
}
