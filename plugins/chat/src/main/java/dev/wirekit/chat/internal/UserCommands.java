package dev.wirekit.chat.internal;

import dev.wirekit.chat.AccountStore;
import dev.wirekit.chat.ChatServerConfig.PasswordHashing;
import dev.wirekit.spi.CommandContext;
import dev.wirekit.spi.CommandSpec;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.ParameterSpec;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * {@code wirekit chat user add|passwd|cert|remove|list}: manages the account file of a chat server,
 * running or not (the server notices the change). Passwords are read without echo from the terminal,
 * or as the first line of standard input when there is no terminal.
 */
final class UserCommands {
    private UserCommands() {}

    private static OptionSpec accounts() {
        return OptionSpec.path("accounts", "the server's account file", "chat-accounts.txt");
    }

    static CommandSpec spec() {
        ParameterSpec name = ParameterSpec.required("name", "the account name (also the nickname it reserves)");
        return CommandSpec.builder("user", "manage the chat server's accounts")
                .local()
                .subcommand(CommandSpec.builder("add", "create an account; asks for its password")
                        .local()
                        .parameter(name)
                        .option(accounts())
                        .option(OptionSpec.flag("no-password", "an account that logs in only by certificate"))
                        .action(UserCommands::add)
                        .build())
                .subcommand(CommandSpec.builder("passwd", "set an account's password; asks for it")
                        .local()
                        .parameter(name)
                        .option(accounts())
                        .action(UserCommands::passwd)
                        .build())
                .subcommand(CommandSpec.builder(
                                "cert", "let a TLS client certificate log in to an account (SASL EXTERNAL)")
                        .local()
                        .parameter(name)
                        .parameter(ParameterSpec.required(
                                "certificate", "a PEM or DER certificate file, or its SHA-256 fingerprint in hex"))
                        .option(accounts())
                        .action(UserCommands::cert)
                        .build())
                .subcommand(CommandSpec.builder("remove", "delete an account")
                        .local()
                        .parameter(name)
                        .option(accounts())
                        .action(UserCommands::remove)
                        .build())
                .subcommand(CommandSpec.builder("list", "list the accounts")
                        .local()
                        .option(accounts())
                        .action(UserCommands::list)
                        .build())
                .build();
    }

    private static AccountStore store(CommandContext context) throws IOException {
        return AccountStore.open(context.values().path("accounts"), PasswordHashing.OWASP);
    }

    private static int add(CommandContext context) throws IOException {
        String name = context.values().string("name");
        AccountStore.checkName(name);
        AccountStore store = store(context);
        if (store.exists(name)) {
            context.err()
                    .println("account " + name + " already exists in "
                            + context.values().path("accounts"));
            return 1;
        }
        char[] password = context.values().flag("no-password") ? null : readNewPassword(context, name);
        if (password == null && !context.values().flag("no-password")) {
            return 1;
        }
        try {
            store.add(name, password);
        } finally {
            PasswordHasher.wipe(password);
        }
        context.out()
                .println("account " + name + " added to " + context.values().path("accounts"));
        return 0;
    }

    private static int passwd(CommandContext context) throws IOException {
        String name = context.values().string("name");
        AccountStore store = store(context);
        if (!store.exists(name)) {
            context.err().println("no account named " + name);
            return 1;
        }
        char[] password = readNewPassword(context, name);
        if (password == null) {
            return 1;
        }
        try {
            store.setPassword(name, password);
        } finally {
            PasswordHasher.wipe(password);
        }
        context.out().println("password of " + name + " changed");
        return 0;
    }

    private static int cert(CommandContext context) throws IOException {
        String name = context.values().string("name");
        String given = context.values().string("certificate");
        AccountStore store = store(context);
        if (!store.exists(name)) {
            context.err().println("no account named " + name);
            return 1;
        }
        String fingerprint;
        Path file = Path.of(given);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                X509Certificate c = (X509Certificate)
                        CertificateFactory.getInstance("X.509").generateCertificate(in);
                fingerprint = AccountStore.fingerprint(c);
            } catch (CertificateException e) {
                context.err().println(file + " is not a certificate: " + e.getMessage());
                return 1;
            }
        } else {
            fingerprint = given;
        }
        store.addCertificate(name, fingerprint);
        context.out().println("certificate " + fingerprint + " now logs in to " + name);
        return 0;
    }

    private static int remove(CommandContext context) throws IOException {
        String name = context.values().string("name");
        if (!store(context).remove(name)) {
            context.err().println("no account named " + name);
            return 1;
        }
        context.out().println("account " + name + " removed");
        return 0;
    }

    private static int list(CommandContext context) throws IOException {
        store(context).names().forEach(context.out()::println);
        return 0;
    }

    /** Asks twice on a terminal (without echo); else reads one line. Null, with a message, when unusable. */
    private static char[] readNewPassword(CommandContext context, String name) throws IOException {
        Console console = context.interactive() ? System.console() : null;
        char[] password;
        if (console != null) {
            password = console.readPassword("Password for %s: ", name);
            char[] again = console.readPassword("Again: ");
            if (password == null || again == null || !Arrays.equals(password, again)) {
                PasswordHasher.wipe(password);
                PasswordHasher.wipe(again);
                context.err().println("the passwords differ (or input ended); nothing changed");
                return null;
            }
            PasswordHasher.wipe(again);
        } else {
            String line = context.readLine("");
            password = line == null ? null : line.toCharArray();
        }
        if (password == null || password.length < 8) {
            PasswordHasher.wipe(password);
            context.err().println("a password needs at least 8 characters; nothing changed");
            return null;
        }
        return password;
    }

    /** Reads a password for logging in: without echo on a terminal, else one line of input. */
    static char[] readPassword(CommandContext context, String prompt) throws IOException {
        Console console = context.interactive() ? System.console() : null;
        if (console != null) {
            return console.readPassword("%s", prompt);
        }
        String line = context.readLine("");
        return line == null ? null : line.toCharArray();
    }
}
