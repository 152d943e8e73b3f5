package io.streamsuite.topologies.serde.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.topologies.serde.avro.fixtures.Parcel;
import io.streamsuite.topologies.serde.avro.fixtures.Parcel.Channel;
import io.streamsuite.topologies.serde.avro.fixtures.Parcel.Item;
import io.streamsuite.topologies.serde.avro.fixtures.Parcel.Range;
import io.streamsuite.topologies.serde.avro.fixtures.Parcel.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordMapperTest {

    private final RecordMapper<Parcel, io.streamsuite.topologies.serde.avro.fixtures.avro.Parcel> mapper =
            RecordMapper.of(Parcel.class, io.streamsuite.topologies.serde.avro.fixtures.avro.Parcel.class);

    private static Parcel parcel() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("fragile", true);
        attributes.put("floor", 3L);
        attributes.put("insured", 99.5);
        attributes.put("label", "blue");
        attributes.put("none", null);
        return new Parcel("p-1", Status.SENT, 2.5, List.of(new Item("sku-1", 2), new Item("sku-2", 1)),
                Map.of("temperature", new Range(null, 8.0)), attributes, Channel.COURIER, 1_700_000_000_000L, null);
    }

    @Test
    void everyShapeSurvivesTheRoundTrip() {
        Parcel parcel = parcel();

        assertThat(mapper.fromAvro(mapper.toAvro(parcel))).isEqualTo(parcel);
    }

    @Test
    void theAvroRecordHoldsTheFieldsUnderTheirNames() {
        var avro = mapper.toAvro(parcel());

        assertThat(avro.getParcelId()).isEqualTo("p-1");
        assertThat(avro.getStatus()).isEqualTo(io.streamsuite.topologies.serde.avro.fixtures.avro.Status.SENT);
        assertThat(avro.getItems()).extracting(item -> item.getSku() + "x" + item.getQuantity()).containsExactly("sku-1x2", "sku-2x1");
        assertThat(avro.getLimits().get("temperature").getMax()).isEqualTo(8.0);
        assertThat(avro.getChannel()).isEqualTo("COURIER");
        // a schema field the event lacks takes the schema's default
        assertThat(avro.getNote()).isNull();
    }

    @Test
    void intsInAnObjectMapAreWrittenAsLongs() {
        Parcel parcel = new Parcel("p-1", Status.NEW, null, List.of(), Map.of(), Map.of("count", 8), null, 0, null);

        assertThat(mapper.fromAvro(mapper.toAvro(parcel)).attributes()).containsEntry("count", 8L);
    }

    @Test
    void aNullForARequiredFieldIsNamed() {
        Parcel parcel = new Parcel(null, Status.NEW, null, List.of(), Map.of(), Map.of(), null, 0, null);

        assertThatThrownBy(() -> mapper.toAvro(parcel))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Parcel.parcelId is null, but its schema requires a string");
    }

    @Test
    void aNullInsideAListIsNamedWithItsIndex() {
        Parcel parcel = new Parcel("p", Status.NEW, null, java.util.Arrays.asList(new Item("a", 1), null), Map.of(),
                Map.of(), null, 0, null);

        assertThatThrownBy(() -> mapper.toAvro(parcel)).hasMessageContaining("Parcel.items[1] is null");
    }

    @Test
    void aSymbolTheJavaEnumLacksIsNamedOnTheWayIn() {
        var avro = mapper.toAvro(parcel());
        avro.setChannel("PIGEON");

        assertThatThrownBy(() -> mapper.fromAvro(avro))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Parcel.channel is 'PIGEON', not a Channel");
    }
}
