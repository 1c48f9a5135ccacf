package dev.wirekit.http;

/**
 * Status codes and their reason phrases (RFC 9110 section 15).
 *
 * <p>Wirekit's server and client take status codes as plain {@code int}s; this class names the
 * phrases that go with them and says which class a code belongs to.
 */
public final class HttpStatus {
    private HttpStatus() {}

    /** The standard reason phrase of {@code code}; for an unknown code, that of its class. */
    public static String reason(int code) {
        return switch (code) {
            case 100 -> "Continue";
            case 101 -> "Switching Protocols";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 203 -> "Non-Authoritative Information";
            case 204 -> "No Content";
            case 205 -> "Reset Content";
            case 206 -> "Partial Content";
            case 300 -> "Multiple Choices";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 407 -> "Proxy Authentication Required";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Range Not Satisfiable";
            case 417 -> "Expectation Failed";
            case 421 -> "Misdirected Request";
            case 422 -> "Unprocessable Content";
            case 426 -> "Upgrade Required";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            case 508 -> "Loop Detected";
            default ->
                switch (code / 100) {
                    case 1 -> "Informational";
                    case 2 -> "Success";
                    case 3 -> "Redirection";
                    case 4 -> "Client Error";
                    default -> "Server Error";
                };
        };
    }

    /** 1xx. */
    public static boolean isInformational(int code) {
        return code >= 100 && code < 200;
    }

    /** 2xx. */
    public static boolean isSuccess(int code) {
        return code >= 200 && code < 300;
    }

    /** 3xx. */
    public static boolean isRedirect(int code) {
        return code >= 300 && code < 400;
    }

    /** 4xx and 5xx. */
    public static boolean isError(int code) {
        return code >= 400;
    }

    /** Whether a response with this code never has content: 1xx, 204 and 304 (RFC 9110 section 6.4.1). */
    public static boolean forbidsContent(int code) {
        return code < 200 || code == 204 || code == 304;
    }
}
