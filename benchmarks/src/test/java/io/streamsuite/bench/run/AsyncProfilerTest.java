package io.streamsuite.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.bench.results.BenchResults.Profile;
import io.streamsuite.bench.results.BenchResults.Share;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsyncProfilerTest {

    @TempDir
    Path dir;

    @Test
    void readsSelfTimeOwnCodeAndTheNativeAndKernelSharesFromCollapsedStacks() throws Exception {
        Path collapsed = dir.resolve("p.collapsed");
        Files.writeString(collapsed, String.join("\n",
                "java/lang/Thread.run;io/streamsuite/fraud/app/CardEvaluator.process;org/rocksdb/RocksDB.get;"
                        + "rocksdb::DBImpl::Get 50",
                "java/lang/Thread.run;io/streamsuite/fraud/app/CardEvaluator.process;"
                        + "com/fasterxml/jackson/core/io/NumberInput.parseDouble 30",
                "java/lang/Thread.run;org/apache/kafka/clients/NetworkClient.poll;epoll_wait;do_syscall_64_[k] 20"));

        Profile profile = AsyncProfiler.read("fraud-detection", "exactly_once_v2", "cpu", collapsed);

        assertThat(profile.samples()).isEqualTo(100);
        assertThat(profile.selfFrames()).containsExactly(new Share("rocksdb::DBImpl::Get", 50.0),
                new Share("com/fasterxml/jackson/core/io/NumberInput.parseDouble", 30.0),
                new Share("do_syscall_64_[k]", 20.0));
        assertThat(profile.ownCode()).containsExactly(new Share("io/streamsuite/fraud/app/CardEvaluator.process", 80.0));
        assertThat(profile.nativeShare()).isEqualTo(50.0);
        assertThat(profile.kernelShare()).isEqualTo(20.0);
    }
}
