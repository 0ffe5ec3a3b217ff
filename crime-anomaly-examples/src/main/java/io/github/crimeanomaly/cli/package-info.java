/** The {@code crime-anomaly} command-line tool (picocli). */
package io.github.crimeanomaly.cli;
