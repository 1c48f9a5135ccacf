package dev.wirekit.file;

import dev.wirekit.file.internal.ByteSizes;
import dev.wirekit.file.internal.NamePolicy;
import dev.wirekit.file.internal.ProgressBar;
import dev.wirekit.spi.CommandContext;
import dev.wirekit.spi.CommandProvider;
import dev.wirekit.spi.CommandSpec;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.ParameterSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * {@code wirekit file ls|get|put|rm HOST[:PORT] ...}: the file transfer client. Transfers show a
 * progress bar (bytes, rate, time left) when run on a terminal and stay quiet otherwise; both
 * directions resume an interrupted transfer by themselves, and every file's SHA-256 is verified.
 *
 * <pre>
 * wirekit file ls files.example
 * wirekit file get files.example:7021 report.pdf -o ~/Downloads
 * wirekit file put files.example photo1.jpg photo2.jpg --token-file ~/.share-token
 * wirekit file rm files.example old.log
 * </pre>
 *
 * The access token comes from {@code --token}, {@code --token-file}, or the environment variable
 * {@value #TOKEN_ENV}, in that order.
 */
public final class FileCommand implements CommandProvider {
    /** The environment variable the access token is read from when no option gives it. */
    public static final String TOKEN_ENV = "WIREKIT_FILE_TOKEN";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    @Override
    public CommandSpec command() {
        return CommandSpec.builder("file", "list, download, upload and delete files on a Wirekit file server")
                .subcommand(common(CommandSpec.builder("ls", "list the server's files: size, time, name"))
                        .option(OptionSpec.flag("human", "show sizes as KiB, MiB, GiB"))
                        .action(FileCommand::list)
                        .build())
                .subcommand(common(CommandSpec.builder(
                                "get", "download files, resuming from NAME.part, verifying each one's SHA-256"))
                        .parameter(ParameterSpec.rest("names", "the files to download"))
                        .option(OptionSpec.path(
                                        "output",
                                        "where to save: a directory, or a file name when downloading one file",
                                        null)
                                .withAliases("-o"))
                        .option(OptionSpec.flag("restart", "ignore a partial download and start from the beginning"))
                        .action(FileCommand::get)
                        .build())
                .subcommand(common(CommandSpec.builder(
                                "put", "upload files, resuming an interrupted upload of the same content"))
                        .parameter(ParameterSpec.rest("files", "the local files to upload"))
                        .option(OptionSpec.string("name", "the name to store a single file under", null)
                                .withAliases("-n"))
                        .action(FileCommand::put)
                        .build())
                .subcommand(common(CommandSpec.builder("rm", "delete files (when the server allows it)"))
                        .parameter(ParameterSpec.rest("names", "the files to delete"))
                        .action(FileCommand::remove)
                        .build())
                .build();
    }

    private static CommandSpec.Builder common(CommandSpec.Builder builder) {
        return builder.parameter(ParameterSpec.required(
                        "target", "the server, host[:port] (port " + FileServer.DEFAULT_PORT + " by default)"))
                .option(OptionSpec.string("token", "the server's access token", null))
                .option(OptionSpec.path("token-file", "read the access token from this file", null))
                .option(OptionSpec.duration(
                        "timeout", "how long to wait for each answer from the server", FileClient.DEFAULT_TIMEOUT));
    }

    private static FileClient connect(CommandContext context) throws IOException {
        InetSocketAddress target = context.target(context.values().string("target"), FileServer.DEFAULT_PORT);
        Duration timeout = context.values().duration("timeout");
        return FileClient.builder(context.transport(), target)
                .options(context.clientOptions())
                .token(token(context))
                .timeout(timeout == null ? FileClient.DEFAULT_TIMEOUT : timeout)
                .connect();
    }

    private static String token(CommandContext context) throws IOException {
        String token = context.values().string("token");
        if (token != null) {
            return token;
        }
        Path file = context.values().path("token-file");
        if (file != null) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        return System.getenv(TOKEN_ENV);
    }

    private static int list(CommandContext context) {
        boolean human = context.values().flag("human");
        try (FileClient client = connect(context)) {
            List<RemoteFile> files = client.list();
            for (RemoteFile f : files) {
                String size = human ? ByteSizes.format(f.size()) : Long.toString(f.size());
                context.out().printf(Locale.ROOT, "%12s  %s  %s%n", size, TIME.format(f.modified()), f.name());
            }
            context.out().flush();
            return 0;
        } catch (IOException e) {
            return fail(context, "ls", e);
        }
    }

    private static int get(CommandContext context) {
        List<String> names = context.values().list("names");
        if (names.isEmpty()) {
            context.err().println("wirekit file get: name the files to download");
            return 2;
        }
        Path output = context.values().path("output");
        boolean intoDirectory = output == null || Files.isDirectory(output) || names.size() > 1;
        if (names.size() > 1 && output != null && !Files.isDirectory(output)) {
            context.err().println("wirekit file get: --output must be an existing directory for several files");
            return 2;
        }
        int status = 0;
        try (FileClient client = connect(context)) {
            for (String name : names) {
                Path target;
                if (intoDirectory) {
                    String problem = NamePolicy.problem(name);
                    if (problem != null) {
                        context.err()
                                .println("wirekit file get: cannot save '" + NamePolicy.printable(name)
                                        + "' under its own name (" + problem + "); use --output");
                        status = 1;
                        continue;
                    }
                    target = output == null ? Path.of(name) : output.resolve(name);
                } else {
                    target = output;
                }
                if (context.values().flag("restart")) {
                    Files.deleteIfExists(target.resolveSibling(target.getFileName() + ".part"));
                }
                status = Math.max(status, transfer(context, "get " + name, bar -> client.download(name, target, bar)));
            }
        } catch (IOException e) {
            return fail(context, "get", e);
        }
        return status;
    }

    private static int put(CommandContext context) {
        List<String> files = context.values().list("files");
        String rename = context.values().string("name");
        if (files.isEmpty()) {
            context.err().println("wirekit file put: name the files to upload");
            return 2;
        }
        if (rename != null && files.size() > 1) {
            context.err().println("wirekit file put: --name applies to a single file");
            return 2;
        }
        int status = 0;
        try (FileClient client = connect(context)) {
            for (String file : files) {
                Path source = Path.of(file);
                if (!Files.isRegularFile(source)) {
                    context.err().println("wirekit file put: " + file + " is not a readable file");
                    status = 1;
                    continue;
                }
                String name = rename != null ? rename : source.getFileName().toString();
                status = Math.max(status, transfer(context, "put " + name, bar -> client.upload(source, name, bar)));
            }
        } catch (IOException e) {
            return fail(context, "put", e);
        }
        return status;
    }

    private static int remove(CommandContext context) {
        List<String> names = context.values().list("names");
        if (names.isEmpty()) {
            context.err().println("wirekit file rm: name the files to delete");
            return 2;
        }
        int status = 0;
        try (FileClient client = connect(context)) {
            for (String name : names) {
                try {
                    client.delete(name);
                } catch (FileTransferException e) {
                    status = fail(context, "rm", e);
                }
            }
        } catch (IOException e) {
            return fail(context, "rm", e);
        }
        return status;
    }

    /** What one transfer runs, given the listener to report to. */
    @FunctionalInterface
    private interface Transfer {
        TransferResult run(TransferListener listener) throws IOException;
    }

    /** Runs one transfer with a progress bar on a terminal; 0 when it succeeded, else 1 (reported). */
    private static int transfer(CommandContext context, String what, Transfer transfer) {
        ProgressBar bar = context.interactive() ? new ProgressBar(context.err(), System::nanoTime) : null;
        try {
            TransferResult result = transfer.run(bar == null ? TransferListener.NONE : bar);
            if (bar != null) {
                bar.finish(result.size());
                context.err()
                        .println("  sha256 " + result.sha256() + " verified"
                                + (result.resumedFrom() > 0
                                        ? ", resumed at " + ByteSizes.format(result.resumedFrom())
                                        : ""));
            }
            return 0;
        } catch (IOException e) {
            if (bar != null) {
                bar.abandon();
            }
            return fail(context, NamePolicy.printable(what), e);
        }
    }

    private static int fail(CommandContext context, String what, IOException e) {
        String message = e instanceof FileTransferException f
                ? f.getMessage() + " (" + f.error() + ")"
                : e.getMessage() == null ? e.toString() : e.getMessage();
        context.err().println("wirekit file " + what + ": " + message);
        context.err().flush();
        return 1;
    }
}
