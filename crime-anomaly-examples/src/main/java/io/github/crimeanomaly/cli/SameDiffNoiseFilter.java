package io.github.crimeanomaly.cli;

import java.io.PrintStream;

/**
 * Standard output without the "Added differentiated op ..." lines that DL4J M2.1's SameDiff prints
 * with {@code System.out.println} whenever it first builds a layer's gradient (attention pooling,
 * {@code --pooling ATTENTION}, is a SameDiff layer): one line per operation, about fifteen per
 * training, in the middle of a command's own output. The command-line tool
 * installs it over {@code System.out}; everything else passes through unchanged.
 */
final class SameDiffNoiseFilter extends PrintStream {

    static final String PREFIX = "Added differentiated op ";

    SameDiffNoiseFilter(PrintStream out) {
        super(out, true);
    }

    @Override
    public void println(String x) {
        if (x != null && x.startsWith(PREFIX)) {
            return;
        }
        super.println(x);
    }
}
