package io.streamsuite.topologies.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsuite.schemaregistry.TestSchemaRegistry;
import io.streamsuite.topologies.serde.JsonMappers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Values an attacker or a broken producer could put on an input topic, derived from one valid value of the topic's
 * event: what the decoders must refuse without a crash, without allocating what a record claims, and without quoting
 * the record in a log. Every value here must end in the dead-letter topic; an app's own refusals (a negative amount,
 * an unknown device) are added by its test.
 *
 * <p>Text in the valid value should carry {@link #MARKER}, so that a test can look for it in the app's log: nothing
 * of a payload may be logged.
 */
public final class HostileCorpus {

    /** Put into the ids of the valid sample; never to be found in a log. */
    public static final String MARKER = "hostile-7b1f";

    /** A hostile value and what it is, for the test's messages. */
    public record Hostile(String what, byte[] value) {
    }

    private HostileCorpus() {
    }

    /**
     * Malformed JSON, and well-formed JSON of the wrong shape: each text field of {@code valid} given an object, each
     * number field given text, NaN, an overflow to infinity and a number of 150 digits; nesting deeper than the
     * parser's limit; a text field of 600,000 characters.
     */
    public static List<Hostile> json(ObjectNode valid, long seed) {
        List<Hostile> corpus = new ArrayList<>(common(seed));
        String text = valid.toString();
        corpus.add(new Hostile("truncated JSON", utf8(text.substring(0, text.length() / 2))));
        corpus.add(new Hostile("not JSON", utf8(MARKER + " is not JSON")));
        corpus.add(new Hostile("a JSON array", utf8("[\"" + MARKER + "\", 1, 2]")));
        corpus.add(new Hostile("nesting 500 deep", utf8("{\"a\":" + "[".repeat(500) + "\"" + MARKER + "\"" + "]".repeat(500) + "}")));
        boolean hugeDone = false;
        for (Iterator<Map.Entry<String, JsonNode>> fields = valid.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isTextual()) {
                corpus.add(jsonWith(valid, "an object for text field " + field.getKey(), field.getKey(),
                        "{\"" + MARKER + "\":1}"));
                if (!hugeDone) {
                    corpus.add(jsonWith(valid, "600,000 characters in " + field.getKey(), field.getKey(),
                            "\"" + MARKER + "x".repeat(600_000) + "\""));
                    hugeDone = true;
                }
            } else if (field.getValue().isNumber()) {
                String name = field.getKey();
                corpus.add(jsonWith(valid, "text for number field " + name, name, "\"12.5\""));
                corpus.add(jsonWith(valid, "NaN in " + name, name, "NaN"));
                corpus.add(jsonWith(valid, "1e999 in " + name, name, "1e999"));
                corpus.add(jsonWith(valid, "-1e999 in " + name, name, "-1e999"));
                corpus.add(jsonWith(valid, "150 digits in " + name, name, "1" + "0".repeat(149)));
            }
        }
        return corpus;
    }

    /**
     * Values in the Confluent wire format that no reader can take: a wrong magic byte, no room for a schema id, ids the
     * registry never gave, a body cut short, a string that claims 2 GB, a body written with an unrelated schema.
     *
     * @param valid      a valid value in the wire format, whose first string field holds {@link #MARKER}
     * @param alienId    the id, in the same registry, of a schema unrelated to the event's (a record of one int)
     */
    public static List<Hostile> avro(byte[] valid, int alienId, long seed) {
        List<Hostile> corpus = new ArrayList<>(common(seed));
        Random random = new Random(seed);
        byte[] wrongMagic = valid.clone();
        wrongMagic[0] = 1;
        corpus.add(new Hostile("magic byte 1", wrongMagic));
        corpus.add(new Hostile("JSON on an Avro topic", utf8("{\"id\":\"" + MARKER + "\"}")));
        corpus.add(new Hostile("no room for a schema id", new byte[] {0, 0, 1}));
        for (int i = 0; i < 3; i++) {
            corpus.add(new Hostile("unknown schema id", frame(1_000_000 + random.nextInt(1_000_000_000), Arrays.copyOfRange(valid, 5, valid.length))));
        }
        corpus.add(new Hostile("negative schema id", frame(-1, Arrays.copyOfRange(valid, 5, valid.length))));
        corpus.add(new Hostile("body cut in half", Arrays.copyOf(valid, 5 + (valid.length - 5) / 2)));
        corpus.add(new Hostile("a string claiming 2 GB", claimingHugeString(valid)));
        corpus.add(new Hostile("an unrelated schema's body", frame(alienId, new byte[] {14})));
        return corpus;
    }

    /** A record of one int, registered under a subject of its own: its id is what {@link #avro} calls alien. */
    public static int registerAlienSchema(TestSchemaRegistry registry) {
        return registry.register("hostile-alien-value", new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"Alien\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}"));
    }

    /** The event's schema with one more optional field: a writer schema the app has not seen, read as the event. */
    public static Schema withExtraField(Schema schema) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(new Schema.Field("hostileExtra", Schema.createUnion(Schema.create(Schema.Type.NULL),
                Schema.create(Schema.Type.STRING)), null, Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    /**
     * A value in the wire format written again with another writer schema of the same record ({@link #withExtraField}),
     * registered as {@code id}: the same event, under a schema id the app has to look up.
     */
    public static byte[] rewrite(byte[] valid, Schema writer, int id, Schema newWriter) {
        try {
            GenericRecord read = new GenericDatumReader<GenericRecord>(writer).read(null,
                    DecoderFactory.get().binaryDecoder(valid, 5, valid.length - 5, null));
            GenericData.Record copy = new GenericData.Record(newWriter);
            writer.getFields().forEach(field -> copy.put(field.name(), read.get(field.name())));
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(body, null);
            new GenericDatumWriter<GenericRecord>(newWriter).write(copy, encoder);
            encoder.flush();
            return frame(id, body.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema id of a value in the wire format. */
    public static int schemaId(byte[] valid) {
        return ByteBuffer.wrap(valid, 1, 4).getInt();
    }

    /** Bytes no format reads: random, after a byte that starts no JSON or wire-format value; and an empty value. */
    private static List<Hostile> common(long seed) {
        byte[] random = new byte[64];
        new Random(seed).nextBytes(random);
        random[0] = (byte) 0xFF;
        return List.of(new Hostile("64 random bytes", random), new Hostile("an empty value", new byte[0]));
    }

    private static Hostile jsonWith(ObjectNode valid, String what, String field, String rawValue) {
        // raw text, since NaN, 1e999 and 150 digits are what a tree of valid JSON values cannot hold
        String placeholder = "\"" + MARKER + "-placeholder\"";
        ObjectNode copy = valid.deepCopy();
        copy.put(field, MARKER + "-placeholder");
        return new Hostile(what, utf8(copy.toString().replace(placeholder, rawValue)));
    }

    /**
     * The valid value cut just after the length of its first string that holds the marker, that length replaced by
     * 2,000,000,000: a reader that trusts it allocates 2 GB for a record of a few dozen bytes.
     */
    private static byte[] claimingHugeString(byte[] valid) {
        byte[] marker = utf8(MARKER);
        int at = indexOf(valid, marker);
        if (at < 6) {
            throw new IllegalArgumentException("the valid value must hold " + MARKER + " in a string field");
        }
        // the length is a zig-zag varint in front of the string: one byte for a string under 64 bytes
        ByteBuffer claim = ByteBuffer.allocate(at - 1 + 5 + marker.length);
        claim.put(valid, 0, at - 1);
        long zigzag = 2_000_000_000L << 1;
        while ((zigzag & ~0x7FL) != 0) {
            claim.put((byte) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        claim.put((byte) zigzag);
        claim.put(marker);
        return Arrays.copyOf(claim.array(), claim.position());
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i <= bytes.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] frame(int id, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(id).put(body).array();
    }

    /** A valid event as a JSON tree, to derive {@link #json} from. */
    public static ObjectNode jsonTree(Object event) {
        return JsonMappers.mapper().valueToTree(event);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
