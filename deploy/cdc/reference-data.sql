-- The reference data the apps read, as a database holds it. Debezium captures every change of these two tables
-- (reference-data-connector.properties) into iot-devices and fraud-blocklist.

-- The asset registry: one row per device. thresholds is {"<sensorType>": {"min": n, "max": n}}, either bound optional.
CREATE TABLE IF NOT EXISTS devices (
    device_id  text PRIMARY KEY,
    location   text,
    thresholds jsonb NOT NULL DEFAULT '{}'
);

-- The blocklist analysts maintain: the key says what is blocked, merchant:<merchantId> or card:<cardId>.
CREATE TABLE IF NOT EXISTS blocklist (
    entry_key text PRIMARY KEY CHECK (entry_key ~ '^(merchant|card):.+'),
    reason    text,
    added_at  timestamptz NOT NULL DEFAULT now()
);
