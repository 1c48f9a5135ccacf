/**
 * The calculator plugin: {@link dev.wirekit.calc.Calculator} (exact decimal arithmetic with clear
 * errors), {@link dev.wirekit.calc.CalcService}, {@code wirekit serve calc} and {@code wirekit calc}.
 */
package dev.wirekit.calc;
