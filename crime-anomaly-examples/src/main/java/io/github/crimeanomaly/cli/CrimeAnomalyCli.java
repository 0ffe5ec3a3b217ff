package io.github.crimeanomaly.cli;

import io.github.crimeanomaly.CrimeAnomaly;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code crime-anomaly} command-line tool. Run through the {@code ./crime-anomaly} launcher
 * at the project root, which builds this module first if needed.
 */
@Command(name = "crime-anomaly",
        mixinStandardHelpOptions = true,
        versionProvider = CrimeAnomalyCli.Version.class,
        description = "Crime and anomaly detection in surveillance video with a hybrid CNN+LSTM.",
        subcommands = {
                CommandLine.HelpCommand.class,
                RecordsCommand.class,
                ForecastCommand.class,
                ScoreCommand.class,
                InspectCommand.class,
                ModelInfoCommand.class,
                EvaluateUcsdCommand.class,
                TrainClassifierCommand.class,
                EvaluateClassifierCommand.class,
                CompareCommand.class,
                CalibrateCommand.class,
        })
public final class CrimeAnomalyCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Entry point: exits with the command's exit code: 0 ok, 1 the input or the run failed, 2 the
     * command line is wrong (unknown option, value out of range, contradicting options).
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the tool without exiting the JVM; returns the exit code. For tests and embedding. */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new CrimeAnomalyCli());
        // --input motion, --pooling mean, --threshold validation_f1: enum names in any case
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // Exit 2 for a command line that is wrong (an unknown option, a value out of range, options
        // that contradict each other), found by picocli or by a command's own checks; exit 1 for
        // input or a run that fails. Both print "error: ..." and, for the first, where the options are.
        cl.setParameterExceptionHandler((ex, args1) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, cmd.getErr());
            cmd.getErr().println(Cli.helpHint(cmd));
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("error: " + Cli.describe(ex));
            if (Boolean.getBoolean("crimeanomaly.debug")) {
                ex.printStackTrace(cmd.getErr());
            }
            if (ex instanceof Cli.OptionException) {
                cmd.getErr().println(Cli.helpHint(cmd));
                return cmd.getCommandSpec().exitCodeOnInvalidInput();
            }
            return 1;
        });
        cl.setExecutionStrategy(parseResult -> {
            refuseEmptyValues(parseResult);
            return new CommandLine.RunLast().execute(parseResult);
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands only exceptions to the handler above; without this the user gets a
            // stack trace for what is usually an input too large for the heap
            cl.getErr().println("error: out of memory (" + e.getMessage() + "): the input or the options ask for "
                    + "more than this JVM may use; lower --size, --frames or --width, or raise the heap with "
                    + "JAVA_OPTS=-Xmx<size> (now " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB)");
            return 1;
        }
    }

    /**
     * An empty value names nothing: {@code --video ""} used to read the working directory as a
     * folder of image frames. Only {@code --settings} takes one (its defaults).
     */
    private static void refuseEmptyValues(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            for (CommandLine.Model.OptionSpec o : pr.matchedOptions()) {
                if (o.longestName().equals("--settings")) {
                    continue;
                }
                for (String v : o.originalStringValues()) {
                    if (v.isBlank()) {
                        throw new CommandLine.ParameterException(pr.commandSpec().commandLine(), o.longestName()
                                + " must not be empty, got '" + v + "'");
                    }
                }
            }
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints the library version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"crime-anomaly " + CrimeAnomaly.VERSION,
                    "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name")
                            + " " + System.getProperty("os.arch")};
        }
    }
}
