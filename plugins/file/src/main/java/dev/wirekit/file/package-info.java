/**
 * The file transfer plugin: {@link dev.wirekit.file.FileServer} serves a directory (list, download
 * and upload with resume, SHA-256 integrity, root-confined names, atomic uploads, limits), {@link
 * dev.wirekit.file.FileClient} talks to it from Java, {@code wirekit serve file} and {@code wirekit
 * file ls|get|put|rm} from the command line. The wire protocol is specified in {@code
 * docs/protocols/file.md}.
 */
package dev.wirekit.file;
