package io.packetstream.agent;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.agent.publish.PublishOptions;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.testsupport.redis.RedisBinary;
import io.packetstream.testsupport.redis.RedisProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An ACL user without permission on the namespace's keys, or a wrong password, ends the agent at once with what is
 * wrong, rather than "cannot reach Redis" and retries until the connect timeout.
 */
class RedisRefusalIT {

    @TempDir
    Path dir;

    @Test
    void aPermissionOrPasswordRefusalEndsTheAgentWithTheReason() throws Exception {
        Path file = TestTraffic.flows(dir.resolve("refused.pcap"), 2, 5, 1_000_000);
        try (RedisProcess redis = RedisProcess.launch(RedisBinary.locate(), RedisProcess.freePort(), List.of())) {
            RedisClient admin = RedisClient.create(redis.uri());
            try (StatefulRedisConnection<String, String> c = admin.connect()) {
                c.sync().aclSetuser("elsewhere", AclSetuserArgs.Builder.on()
                        .addPassword("elsewhere-password").keyPattern("other:*").allChannels().allCommands());
            } finally {
                admin.shutdown();
            }
            String host = redis.uri().substring("redis://".length());
            String permission = refusal(file, "redis://elsewhere:elsewhere-password@" + host);
            assertTrue(permission.contains("permission"), permission);
            String password = refusal(file, "redis://elsewhere:wrong-password@" + host);
            assertTrue(password.contains("credentials"), password);
            assertFalse(password.contains("wrong-password"), password);
        }
    }

    /** @return the message the agent stops with; fails when it does not stop within 20 s */
    private static String refusal(Path file, String uri) throws Exception {
        AgentOptions options = AgentOptions.forFiles(List.of(file), RedisOptions.of(uri), new KeySchema("ps"),
                PublishOptions.builder("refused").build());
        CaptureAgent agent = new CaptureAgent(options, new SimpleMeterRegistry());
        CompletableFuture<CaptureAgent.AgentResult> run = AgentRuns.inBackground(agent);
        ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(20, TimeUnit.SECONDS));
        assertInstanceOf(AgentException.class, e.getCause());
        return e.getCause().getMessage();
    }
}
