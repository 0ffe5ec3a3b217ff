package io.github.crimeanomaly.video;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.function.Executable;

/** What the library logs, for tests (slf4j-simple writes to the current {@code System.err}). */
final class LogCapture {

    private LogCapture() {
    }

    /** Everything logged while {@code run} ran. */
    static String logged(Executable run) throws Throwable {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            run.execute();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
