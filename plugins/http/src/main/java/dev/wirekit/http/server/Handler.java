package dev.wirekit.http.server;

/**
 * Answers one request. Runs on the connection's own virtual thread and may block freely (read a
 * file, call a database, wait for an upstream server).
 *
 * <p>A handler either sends a response through {@code response} or throws. An {@link
 * dev.wirekit.http.HttpException} becomes a response with its status; any other exception becomes a
 * {@code 500} (logged with its stack trace) when nothing has been sent yet, and otherwise closes the
 * connection, since a response already begun cannot be fixed. Whatever the handler did not send when
 * it returns is completed for it: an untouched response is sent with its status and an empty body, a
 * streamed body is ended.
 *
 * <p>Requests on one connection are handled one after another, in order (pipelined requests
 * included); requests on different connections run in parallel.
 */
@FunctionalInterface
public interface Handler {

    /** Handles {@code request} by sending {@code response}. */
    void handle(Request request, Response response) throws Exception;
}
