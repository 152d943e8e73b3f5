package io.streamsuite.topologies.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.topologies.config.InvalidConfigException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void parsesFileSetsAndFlagsInAnyOrder() {
        CommandLine line = CommandLine.parse("--set", "a=1", "app.properties", "--describe", "--set=b=2");
        assertThat(line.configFile()).isEqualTo(Path.of("app.properties"));
        assertThat(line.sets()).containsExactly("a=1", "b=2");
        assertThat(line.describe()).isTrue();
        assertThat(line.help()).isFalse();
    }

    @Test
    void helpNeedsNoFile() {
        assertThat(CommandLine.parse("--help").help()).isTrue();
    }

    @Test
    void rejectsMissingSetValueAndSecondFile() {
        assertThatThrownBy(() -> CommandLine.parse("app.properties", "--set"))
                .isInstanceOf(InvalidConfigException.class).hasMessage("--set needs a key=value after it");
        assertThatThrownBy(() -> CommandLine.parse("a.properties", "b.properties"))
                .hasMessage("Only one properties file is accepted, got a.properties and b.properties");
    }

    @Test
    void resetIsADryRunUnlessConfirmed() {
        CommandLine dryRun = CommandLine.parse("app.properties", "--reset");
        assertThat(dryRun.reset()).isTrue();
        assertThat(dryRun.confirmed()).isFalse();
        CommandLine confirmed = CommandLine.parse("--yes", "app.properties", "--reset");
        assertThat(confirmed.reset()).isTrue();
        assertThat(confirmed.confirmed()).isTrue();
        assertThat(CommandLine.parse("app.properties").reset()).isFalse();
    }

    @Test
    void resetCombinesWithNoOtherActionAndYesConfirmsOnlyAReset() {
        assertThatThrownBy(() -> CommandLine.parse("app.properties", "--reset", "--describe"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("--reset and --describe cannot be combined; usage: " + CommandLine.USAGE);
        assertThatThrownBy(() -> CommandLine.parse("app.properties", "--yes"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("--yes only confirms --reset; usage: " + CommandLine.USAGE);
        assertThatThrownBy(() -> CommandLine.parse("--reset", "--yes"))
                .hasMessage("No properties file given; usage: " + CommandLine.USAGE);
    }
}
