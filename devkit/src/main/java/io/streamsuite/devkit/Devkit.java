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
                GenerateCommand.class, SummaryCommand.class, TailCommand.class, ScoreCommand.class})
public final class Devkit {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Devkit()).execute(args));
    }
}
