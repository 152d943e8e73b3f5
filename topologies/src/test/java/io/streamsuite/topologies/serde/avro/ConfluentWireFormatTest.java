package io.streamsuite.topologies.serde.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConfluentWireFormatTest {

    @Test
    void framesWithMagicByteAndBigEndianSchemaId() {
        byte[] framed = ConfluentWireFormat.frame(0x01020304, new byte[] {42, 43});

        assertThat(framed).containsExactly(0, 1, 2, 3, 4, 42, 43);
        assertThat(ConfluentWireFormat.schemaId(framed)).isEqualTo(0x01020304);
    }

    @Test
    void readsLargeIdsUnsignedBytesIncluded() {
        assertThat(ConfluentWireFormat.schemaId(new byte[] {0, 0, 0, (byte) 0xff, (byte) 0xfe})).isEqualTo(0xfffe);
    }

    @Test
    void refusesAWrongMagicByteAndGuessesJson() {
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId("{\"orderId\": 1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UndecodableAvroException.class)
                .hasMessage("Unknown magic byte 0x7b: not the Confluent wire format, which starts with 0x00"
                        + " (this looks like JSON: is the producer using serde.format=json?)");
    }

    @Test
    void refusesAWrongMagicByteAndGuessesSingleObjectEncoding() {
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[] {(byte) 0xC3, 1, 0, 0, 0, 0}))
                .hasMessageContaining("0xc3").hasMessageContaining("serde.format=avro-single-object");
    }

    @Test
    void refusesRecordsTooShortForTheHeader() {
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[] {0, 0, 1}))
                .isInstanceOf(UndecodableAvroException.class)
                .hasMessage("Record of 3 bytes is too short for the Confluent wire format (magic byte, 4-byte schema id, Avro data)");
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[0])).hasMessageContaining("Record of 0 bytes");
    }
}
