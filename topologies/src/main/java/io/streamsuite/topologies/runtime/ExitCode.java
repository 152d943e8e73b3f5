package io.streamsuite.topologies.runtime;

/** Process exit codes, so that supervisors can tell a bad deployment from a crash. */
public final class ExitCode {

    /** Stopped on request (SIGTERM, Ctrl-C), or {@code --help}/{@code --describe}/{@code --reset --yes} done. */
    public static final int OK = 0;
    /** The app failed while running (or could not reach Kafka; or a reset found instances running): a restart may help. */
    public static final int FATAL = 1;
    /**
     * Configuration or arguments are wrong: a restart will not help until they are fixed. Also {@code --reset} without
     * {@code --yes}, which only prints what it would do.
     */
    public static final int CONFIG = 2;

    private ExitCode() {
    }
}
