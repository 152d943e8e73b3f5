package io.streamsuite.clickstream.app;

import io.streamsuite.clickstream.ClickEvent;
import io.streamsuite.topologies.serde.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Live page views, sent tick by tick from the test's thread: at each tick one view on each partition asked for, by one
 * of that partition's users in turn, stamped with the wall clock minus a shift (event time in the recent past, so that
 * a window can be made to end a few seconds after the traffic starts). Remembers every event it sent, for the model,
 * and when each tick was acknowledged.
 */
final class LiveClicks implements AutoCloseable {

    private static final List<String> PAGES = List.of("/", "/products", "/products/7", "/cart", "/help");
    private static final int USERS_PER_PARTITION = 3;

    private final TopicSpec<String, ClickEvent> input;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Random random;
    private final List<List<String>> users = new ArrayList<>();
    private final List<ClickEvent> sent = new ArrayList<>();
    private long shift;
    private int ticks;

    LiveClicks(String bootstrapServers, TopicSpec<String, ClickEvent> input, int partitions, long seed) {
        this.input = input;
        this.random = new Random(seed);
        this.producer = new KafkaProducer<>(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
        for (int p = 0; p < partitions; p++) {
            users.add(new ArrayList<>());
        }
        for (int n = 0; users.stream().anyMatch(own -> own.size() < USERS_PER_PARTITION); n++) {
            String user = "live-user-" + n;
            List<String> own = users.get(ClickHistory.partitionOf(user, partitions));
            if (own.size() < USERS_PER_PARTITION) {
                own.add(user);
            }
        }
    }

    /** From now on, event time is the wall clock minus this. */
    void shift(Duration behindTheClock) {
        shift = behindTheClock.toMillis();
    }

    /** The event time the next tick stamps. */
    long eventTimeNow() {
        return System.currentTimeMillis() - shift;
    }

    /** One page view on each of the partitions, sent and acknowledged; returns their event time. */
    long tick(Set<Integer> partitions) {
        long time = eventTimeNow();
        ticks++;
        try {
            List<Future<?>> acks = new ArrayList<>();
            for (int partition : partitions) {
                List<String> own = users.get(partition);
                String user = own.get(ticks % own.size());
                ClickEvent view = new ClickEvent("live-" + sent.size(), user, "PAGE_VIEW",
                        PAGES.get(random.nextInt(PAGES.size())), null, "Mozilla/5.0 Firefox/132.0", null, time);
                sent.add(view);
                acks.add(producer.send(ClickHistory.records(List.of(view), input).get(0)));
            }
            for (Future<?> ack : acks) {
                ack.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Sending live clicks failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return time;
    }

    List<ClickEvent> sent() {
        return List.copyOf(sent);
    }

    /** Whether a user sends on a partition. */
    boolean sendsOn(String user, int partition) {
        return users.get(partition).contains(user);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
