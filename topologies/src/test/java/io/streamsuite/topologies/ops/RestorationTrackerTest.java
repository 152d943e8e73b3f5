package io.streamsuite.topologies.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RestorationTrackerTest {

    final RestorationTracker tracker = new RestorationTracker();
    final TopicPartition changelog0 = new TopicPartition("app-totals-changelog", 0);
    final TopicPartition changelog1 = new TopicPartition("app-totals-changelog", 1);
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger(RestorationTracker.class);

    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(log);
    }

    @Test
    void tracksEachStorePartitionFromStartToEndAndLogsOneLineForEach() {
        tracker.onRestoreStart(changelog1, "totals", 100, 600);
        tracker.onRestoreStart(changelog0, "totals", 0, 50);
        tracker.onBatchRestored(changelog1, "totals", 300, 200);
        tracker.onBatchRestored(changelog1, "totals", 400, 100);

        assertThat(tracker.restoringCount()).isEqualTo(2);
        assertThat(tracker.restoring()).containsExactly(
                new RestorationTracker.Progress("totals", "app-totals-changelog", 0, 0, 50),
                new RestorationTracker.Progress("totals", "app-totals-changelog", 1, 300, 500));

        tracker.onRestoreEnd(changelog1, "totals", 498);
        tracker.onRestoreSuspended(changelog0, "totals", 7);
        assertThat(tracker.restoring()).isEmpty();

        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).satisfiesExactly(
                line -> assertThat(line).isEqualTo("Restoring store totals from app-totals-changelog-1: 500 offsets to restore (100 to 600)"),
                line -> assertThat(line).isEqualTo("Restoring store totals from app-totals-changelog-0: 50 offsets to restore (0 to 50)"),
                line -> assertThat(line).matches("Restored store totals from app-totals-changelog-1: 498 records in \\d+ ms"),
                line -> assertThat(line).isEqualTo("Restoration of store totals from app-totals-changelog-0 suspended after 7 records:"
                        + " the task was reassigned"));
    }

    @Test
    void anEmptyChangelogIsTrackedButNotLoggedAtInfo() {
        tracker.onRestoreStart(changelog0, "totals", 42, 42);
        assertThat(tracker.restoringCount()).isEqualTo(1);
        tracker.onRestoreEnd(changelog0, "totals", 0);
        assertThat(tracker.restoringCount()).isZero();
        assertThat(log.list).noneMatch(event -> event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.INFO));
    }

    @Test
    void aLongRestorationLogsItsProgressOnTheWay() {
        RestorationTracker everyBatch = new RestorationTracker(java.time.Duration.ZERO);
        everyBatch.onRestoreStart(changelog0, "totals", 0, 400);
        everyBatch.onBatchRestored(changelog0, "totals", 100, 100);
        everyBatch.onBatchRestored(changelog0, "totals", 300, 200);
        everyBatch.onRestoreEnd(changelog0, "totals", 300);

        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).containsSubsequence(
                "Restoring store totals from app-totals-changelog-0: 100 of 400 offsets restored so far (25%)",
                "Restoring store totals from app-totals-changelog-0: 300 of 400 offsets restored so far (75%)");
        assertThat(log.list).as("start, two progress lines, end").hasSize(4);
    }

    @Test
    void aShortRestorationHasNoProgressLines() {
        tracker.onRestoreStart(changelog0, "totals", 0, 400);
        tracker.onBatchRestored(changelog0, "totals", 400, 400);
        tracker.onRestoreEnd(changelog0, "totals", 400);
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(line -> line.contains("so far"));
    }
}
