package io.streamsuite.topologies.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataSizesTest {

    @ParameterizedTest
    @CsvSource({"1024,1024", "512B,512", "4KB,4096", "256MB,268435456", "256mib,268435456", "1GB,1073741824", "2 GiB,2147483648"})
    void parsesBinaryUnits(String text, long bytes) {
        assertThat(DataSizes.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MB", "1.5GB", "-1MB", "12TB", "99999999999999999999"})
    void rejectsEverythingElse(String text) {
        assertThatThrownBy(() -> DataSizes.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void rejectsOverflow() {
        assertThatThrownBy(() -> DataSizes.parse("9007199254740993GB")).hasMessageContaining("out of range");
    }
}
