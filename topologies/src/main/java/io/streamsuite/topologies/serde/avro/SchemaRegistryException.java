package io.streamsuite.topologies.serde.avro;

import org.apache.kafka.common.KafkaException;

/**
 * The schema registry refused a request for a reason that is not about one record: bad credentials, a subject the app
 * may not register under and {@code auto.register.schemas=false}, a schema the registry finds incompatible with the
 * subject's history, an answer that is not the Confluent API. Never dead-lettered: every record would follow.
 */
public class SchemaRegistryException extends KafkaException {

    private final int status;
    private final int errorCode;

    /**
     * @param status    the HTTP status, or 0 when the problem is not an HTTP answer
     * @param errorCode the Confluent {@code error_code} of the answer, or 0 when it had none
     */
    public SchemaRegistryException(String message, int status, int errorCode) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    public int errorCode() {
        return errorCode;
    }
}
