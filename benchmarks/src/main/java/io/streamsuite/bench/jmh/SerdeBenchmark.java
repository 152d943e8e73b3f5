package io.streamsuite.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsuite.fraud.Transaction;
import io.streamsuite.schemaregistry.TestSchemaRegistry;
import io.streamsuite.topologies.serde.EventSerde;
import io.streamsuite.topologies.serde.EventSerdes;
import io.streamsuite.topologies.serde.JsonMappers;
import io.streamsuite.topologies.serde.avro.RecordMapper;
import io.streamsuite.topologies.serde.avro.RegistryConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The library's serdes against the raw libraries on the same transaction: what the serde layer (the record mapping,
 * the framing, the registry cache, the validation hooks) costs on top of Jackson and Avro themselves.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SerdeBenchmark {

    private static final String TOPIC = "transactions";

    private final Transaction transaction = Samples.transaction(42, 1_763_700_000_000L);
    private final ObjectMapper jackson = JsonMappers.mapper();
    private final EventSerde<Transaction> json = EventSerdes.json().forEvent(Transaction.class);
    private final EventSerde<Transaction> singleObject = EventSerdes.avroSingleObject().forEvent(Transaction.class);
    private final RecordMapper<Transaction, io.streamsuite.fraud.avro.Transaction> mapper =
            RecordMapper.of(Transaction.class, io.streamsuite.fraud.avro.Transaction.class);
    private final SpecificDatumWriter<io.streamsuite.fraud.avro.Transaction> avroWriter =
            new SpecificDatumWriter<>(io.streamsuite.fraud.avro.Transaction.class);
    private final SpecificDatumReader<io.streamsuite.fraud.avro.Transaction> avroReader =
            new SpecificDatumReader<>(io.streamsuite.fraud.avro.Transaction.class);
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private TestSchemaRegistry registry;
    private EventSerde<Transaction> confluent;
    private io.streamsuite.fraud.avro.Transaction avroRecord;
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;
    private byte[] jsonBytes;
    private byte[] confluentBytes;
    private byte[] singleObjectBytes;
    private byte[] avroBytes;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        registry = TestSchemaRegistry.start();
        confluent = EventSerdes.avro(RegistryConfig.of(URI.create(registry.url()))).forEvent(Transaction.class);
        avroRecord = mapper.toAvro(transaction);
        jsonBytes = json.serializer().serialize(TOPIC, transaction);
        confluentBytes = confluent.serializer().serialize(TOPIC, transaction);
        singleObjectBytes = singleObject.serializer().serialize(TOPIC, transaction);
        avroBytes = rawAvroEncode();
        // both directions once, so that the registry lookups are cached before measuring, as in a running app
        confluent.deserializer().deserialize(TOPIC, confluentBytes);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        registry.close();
    }

    @Benchmark
    public byte[] jsonEncodeRawJackson() throws IOException {
        return jackson.writeValueAsBytes(transaction);
    }

    @Benchmark
    public byte[] jsonEncodeSerde() {
        return json.serializer().serialize(TOPIC, transaction);
    }

    @Benchmark
    public Transaction jsonDecodeRawJackson() throws IOException {
        return jackson.readValue(jsonBytes, Transaction.class);
    }

    @Benchmark
    public Transaction jsonDecodeSerde() {
        return json.deserializer().deserialize(TOPIC, jsonBytes);
    }

    @Benchmark
    public byte[] avroEncodeRaw() throws IOException {
        return rawAvroEncode();
    }

    @Benchmark
    public byte[] avroEncodeConfluentSerde() {
        return confluent.serializer().serialize(TOPIC, transaction);
    }

    @Benchmark
    public byte[] avroEncodeSingleObjectSerde() {
        return singleObject.serializer().serialize(TOPIC, transaction);
    }

    @Benchmark
    public io.streamsuite.fraud.avro.Transaction avroDecodeRaw() throws IOException {
        decoder = DecoderFactory.get().binaryDecoder(avroBytes, decoder);
        return avroReader.read(null, decoder);
    }

    @Benchmark
    public Transaction avroDecodeConfluentSerde() {
        return confluent.deserializer().deserialize(TOPIC, confluentBytes);
    }

    @Benchmark
    public Transaction avroDecodeSingleObjectSerde() {
        return singleObject.deserializer().deserialize(TOPIC, singleObjectBytes);
    }

    /** Avro binary of the generated record, as Avro's own tutorial writes it: no mapping, no framing. */
    private byte[] rawAvroEncode() throws IOException {
        buffer.reset();
        encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
        avroWriter.write(avroRecord, encoder);
        encoder.flush();
        return buffer.toByteArray();
    }
}
