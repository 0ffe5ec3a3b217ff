package io.github.crimeanomaly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;

class SameDiffNoiseFilterTest {

    @Test
    void dropsSameDiffsGradientLinesAndPassesEverythingElse() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new SameDiffNoiseFilter(new PrintStream(bytes, true, Charset.defaultCharset()));
        out.println("| Model | accuracy |");
        out.println("Added differentiated op reduce_max");
        out.println("Added differentiated op ExternalErrorsFn");
        out.printf("accuracy=%.4f%n", 0.875);
        out.println((String) null);
        out.println("Added differentiated ops are not this"); // not the exact prefix
        out.print("Added differentiated op partial");           // print, not println: SameDiff uses println
        out.println();
        out.flush();
        String nl = System.lineSeparator();
        assertEquals("| Model | accuracy |" + nl + "accuracy=0.8750" + nl + "null" + nl
                + "Added differentiated ops are not this" + nl + "Added differentiated op partial" + nl,
                bytes.toString(Charset.defaultCharset()));
    }
}
