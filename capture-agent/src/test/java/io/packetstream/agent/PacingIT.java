package io.packetstream.agent;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.agent.publish.PublishOptions;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacingIT {

    @TempDir
    Path dir;

    @Test
    void aTwoSecondFileAtPaceTwoTakesAboutOneSecond() throws Exception {
        Path file = TestTraffic.flows(dir.resolve("two-seconds.pcap"), 1, 21, 100_000_000); // 0 .. 2 s
        double paced = secondsToReplay(file, 2.0);
        double unpaced = secondsToReplay(file, 0);
        assertTrue(paced > 0.7 && paced < 1.9, "pace 2.0 took " + paced + " s");
        assertTrue(unpaced < paced - 0.3, "as fast as possible took " + unpaced + " s, paced " + paced + " s");
    }

    private static double secondsToReplay(Path file, double pace) throws InterruptedException {
        KeySchema keys = new KeySchema("t" + UUID.randomUUID().toString().substring(0, 8));
        AgentOptions options = AgentOptions.forFiles(List.of(file), RedisOptions.of(TestRedis.shared().uri()), keys,
                PublishOptions.builder("pace").build()).withPace(pace);
        long start = System.nanoTime();
        CaptureAgent.AgentResult result = new CaptureAgent(options, new SimpleMeterRegistry()).run();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(21, result.counts().published());
        return seconds;
    }
}
