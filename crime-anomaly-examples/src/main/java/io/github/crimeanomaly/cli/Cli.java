package io.github.crimeanomaly.cli;

/** Small helpers shared by the subcommands. */
final class Cli {

    private Cli() {
    }

    /** A one-line message for an exception and its causes, without a stack trace. */
    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        Throwable cur = t;
        int depth = 0;
        while (cur != null && depth < 5) {
            String msg = cur.getMessage();
            String part = msg == null || msg.isBlank() ? cur.getClass().getSimpleName() : msg;
            if (sb.indexOf(part) < 0) {
                if (sb.length() > 0) {
                    sb.append(": ");
                }
                sb.append(part);
            }
            cur = cur.getCause() == cur ? null : cur.getCause();
            depth++;
        }
        return sb.toString();
    }
}
