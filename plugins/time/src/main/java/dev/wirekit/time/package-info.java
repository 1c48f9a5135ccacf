/** The time plugin: {@link dev.wirekit.time.TimeService}, {@code wirekit serve time} and {@code wirekit time}. */
package dev.wirekit.time;
