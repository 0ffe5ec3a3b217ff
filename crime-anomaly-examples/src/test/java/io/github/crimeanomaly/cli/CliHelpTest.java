package io.github.crimeanomaly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command's {@code --help} renders cleanly. Picocli passes descriptions through
 * {@code String.format}, so a bare {@code %} (as in "20% of the clips") makes it print a warning
 * and show the raw text, {@code %n} and all, instead of the help.
 */
class CliHelpTest {

    static List<String> commands() {
        return new CommandLine(new CrimeAnomalyCli()).getSubcommands().keySet().stream()
                .filter(name -> !name.equals("help"))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpRendersWithoutFormatWarnings(String command) {
        CliRun r = CliRun.of(command, "--help");
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.err().contains("WARN"), r.err());
        assertFalse(r.out().contains("%n"), "raw format string in the help of " + command + ":\n" + r.out());
        assertTrue(r.out().contains("Usage: crime-anomaly " + command), r.out());
    }
}
