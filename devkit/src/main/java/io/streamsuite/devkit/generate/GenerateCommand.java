package io.streamsuite.devkit.generate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code devkit generate fraud|clickstream|iot [options]}: live test traffic with injected scenarios. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Sends realistic live traffic for one app, with injected scenarios at a steady share, and writes"
                + " a ground-truth file naming what the app must detect, so detection quality can be measured. Event"
                + " time is the wall clock at send time. Ctrl-C stops cleanly and prints a summary.",
        subcommands = {GenerateCommand.Fraud.class, GenerateCommand.Clickstream.class, GenerateCommand.Iot.class})
public final class GenerateCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing domain: fraud, clickstream or iot");
    }

    @Command(name = "fraud", mixinStandardHelpOptions = true,
            description = "Card transactions to `transactions` (key cardId), after the blocklist entries they use"
                    + " (`fraud-blocklist`). Cards shop every few minutes near home; fresh cards carry each rule's"
                    + " scenario. Ground truth: every transaction the app must flag, with exactly its rules.")
    static final class Fraud extends DomainCommand {
        @Override
        TrafficGenerator create(long seed, double rate, long start) {
            return new FraudGenerator(seed, rate, start);
        }
    }

    @Command(name = "clickstream", mixinStandardHelpOptions = true,
            description = "Click events to `clickstream-events` (key userId): users browsing in sessions through the"
                    + " purchase funnel, plus bots (rate bursts, crawlers, headless browsers). Ground truth: every bot"
                    + " user, and every bot alert the app must raise.")
    static final class Clickstream extends DomainCommand {
        @Override
        TrafficGenerator create(long seed, double rate, long start) {
            return new ClickGenerator(seed, rate, start);
        }
    }

    @Command(name = "iot", mixinStandardHelpOptions = true,
            description = "Sensor readings to `iot-readings` (key deviceId), after the device registry (`iot-devices`)."
                    + " Devices report every few seconds, with a daily cycle and bounded noise; injected: spikes,"
                    + " threshold breaches and silences. Ground truth: every alert the app must raise. With --rate 0"
                    + " the silences last only in event time: run the app with iot.heartbeat.clock=stream-time.")
    static final class Iot extends DomainCommand {
        @Override
        TrafficGenerator create(long seed, double rate, long start) {
            return new SensorGenerator(seed, rate, start);
        }
    }
}
