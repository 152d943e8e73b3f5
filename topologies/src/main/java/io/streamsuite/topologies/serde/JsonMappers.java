package io.streamsuite.topologies.serde;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one Jackson configuration of the suite, strict on input types and lenient on unknown fields. */
public final class JsonMappers {

    /**
     * Bounds on what one JSON document may make the parser do, far above any valid event or stored value (a record is
     * at most the broker's 1 MB) and far below what would hurt: nesting that would overflow the stack, a string or a
     * number whose conversion would take seconds.
     */
    static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(64)
            .maxStringLength(1_048_576)
            .maxNumberLength(100)
            .maxNameLength(1_024)
            .maxDocumentLength(16L * 1_048_576)
            .build();

    /**
     * Error messages quote no token and no raw content of the input: they reach the logs, and a record's fields (card
     * ids, amounts) must not. The dead-letter topic keeps the record itself.
     */
    static final ErrorReportConfiguration NO_PAYLOAD_IN_ERRORS = ErrorReportConfiguration.builder()
            .maxErrorTokenLength(0)
            .maxRawContentLength(0)
            .build();

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(LIMITS)
                    .errorReportConfiguration(NO_PAYLOAD_IN_ERRORS).build())
            // producers may add fields before consumers learn them (contract: unknown fields are ignored)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // a wrong type is bad input for the dead-letter topic, not something to coerce silently:
            // "12.5" is not a number, 12.5 is not a count, null is not a primitive
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // an error's location must never quote the payload: it would put card ids and amounts into the logs
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .addModule(new JavaTimeModule())
            .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private JsonMappers() {
    }

    /** The shared, thread-safe mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
