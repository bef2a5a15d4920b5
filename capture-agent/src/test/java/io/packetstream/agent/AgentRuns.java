package io.packetstream.agent;

import java.util.concurrent.CompletableFuture;

/** Runs an agent on another thread, so that a test can act on Redis or the agent while it replays or captures. */
final class AgentRuns {

    private AgentRuns() {
    }

    /** @return the agent's result once {@link CaptureAgent#run()} returns; an interruption fails it */
    static CompletableFuture<CaptureAgent.AgentResult> inBackground(CaptureAgent agent) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return agent.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
