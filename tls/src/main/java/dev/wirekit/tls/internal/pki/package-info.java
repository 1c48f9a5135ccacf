/** PEM and PKCS#12 loading, certificate generation, the development certificate, file watching. Not exported. */
package dev.wirekit.tls.internal.pki;
