package io.streamsuite.fraud.binary;

/** Bytes that do not follow the binary layout they claim: truncated, with extra bytes, or a length that cannot be. */
final class MalformedValueException extends RuntimeException {

    MalformedValueException(String message) {
        super(message);
    }
}
