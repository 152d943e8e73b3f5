package io.streamsuite.devkit;

import io.streamsuite.devkit.generate.GenerateCommand;
import io.streamsuite.devkit.watch.ScoreCommand;
import io.streamsuite.devkit.watch.SummaryCommand;
import io.streamsuite.devkit.watch.TailCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar devkit/target/devkit.jar <command>}: the local tools of the suite. */
@Command(name = "devkit", mixinStandardHelpOptions = true, description = "Local tools for the streams suite.",
        subcommands = {CommandLine.HelpCommand.class, BrokerCommand.class, CreateTopicsCommand.class,
                RegistryCommand.class, GenerateCommand.class, SummaryCommand.class, TailCommand.class, CaughtUpCommand.class,
                ScoreCommand.class})
public final class Devkit {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line of all commands. A wrong option or an unusable destination ends a command with one line
     * naming the command and the problem, exit code 2, rather than the whole usage text ({@code --help} shows that):
     * the local scripts show it as their own error.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Devkit());
        commandLine.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println(e.getCommandLine().getCommandSpec().qualifiedName() + ": "
                    + e.getMessage());
            return e.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        });
        return commandLine;
    }
}
