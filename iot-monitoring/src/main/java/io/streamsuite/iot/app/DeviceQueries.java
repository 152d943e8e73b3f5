package io.streamsuite.iot.app;

import io.streamsuite.iot.DeviceState;
import io.streamsuite.iot.DeviceStatus;
import io.streamsuite.topologies.ops.HttpRequest;
import io.streamsuite.topologies.query.BadQueryException;
import io.streamsuite.topologies.query.StoreQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The IoT app's interactive queries on the device state store. */
final class DeviceQueries {

    private DeviceQueries() {
    }

    /** {@code GET /devices/{deviceId}} from the device's owner; {@code GET /devices[?status=online|offline]} from all. */
    static List<StoreQuery> all(String stateStore) {
        return List.of(
                StoreQuery.byKey("/devices/{deviceId}", stateStore, QueryableStoreTypes.<String, DeviceState>keyValueStore(),
                        DeviceQueries::device),
                StoreQuery.allInstances("/devices", stateStore, QueryableStoreTypes.<String, DeviceState>keyValueStore(),
                        DeviceQueries::devices, "deviceId"));
    }

    static Optional<DeviceStatus> device(ReadOnlyKeyValueStore<String, DeviceState> states, String deviceId) {
        return Optional.ofNullable(states.get(deviceId)).map(state -> DeviceStatus.of(deviceId, state));
    }

    /** The devices of this instance, all or those with the status asked for. */
    static List<DeviceStatus> devices(ReadOnlyKeyValueStore<String, DeviceState> states, HttpRequest request) {
        Optional<String> wanted = request.queryParam("status").map(DeviceQueries::status);
        List<DeviceStatus> found = new ArrayList<>();
        try (KeyValueIterator<String, DeviceState> all = states.all()) {
            while (all.hasNext()) {
                KeyValue<String, DeviceState> device = all.next();
                DeviceStatus status = DeviceStatus.of(device.key, device.value);
                if (wanted.isEmpty() || wanted.get().equals(status.status())) {
                    found.add(status);
                }
            }
        }
        return found;
    }

    private static String status(String asked) {
        String status = asked.toUpperCase(Locale.ROOT);
        if (!status.equals(DeviceStatus.ONLINE) && !status.equals(DeviceStatus.OFFLINE)) {
            throw new BadQueryException("status must be online or offline, was '" + asked + "'");
        }
        return status;
    }
}
