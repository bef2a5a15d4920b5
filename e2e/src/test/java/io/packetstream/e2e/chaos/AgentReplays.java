package io.packetstream.e2e.chaos;

import io.lettuce.core.RedisException;
import io.packetstream.e2e.GoldenAnswers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays each capture with its own agent process, as an operator would after a crash: a run is killed with
 * {@code kill -9} when the plan says (at a point of its progress, read from Redis), and the agent is run again on
 * the same file with the same sensor until a run completes. The reruns must resume, not publish the file again.
 */
final class AgentReplays {

    /** What the completed run of a capture's agent printed at exit. */
    record Outcome(String sensor, int runs, int kills, long captured, long published, long dropped, long malformed) {
    }

    private static final Duration RUN_LIMIT = Duration.ofSeconds(120);
    private static final int FAILED_RUNS_MAX = 3;
    private static final Pattern SUMMARY = Pattern.compile("summary: captured ([\\d,]+) packets .*?published ([\\d,]+) "
            + "in [\\d,]+ entries, dropped ([\\d,]+) .*?malformed ([\\d,]+)");

    private final ChaosCluster cluster;
    private final FaultPlan plan;
    private final ChaosReport report;

    AgentReplays(ChaosCluster cluster, FaultPlan plan, ChaosReport report) {
        this.cluster = cluster;
        this.plan = plan;
        this.report = report;
    }

    List<Outcome> replay(List<GoldenAnswers.Capture> captures) throws InterruptedException {
        List<Outcome> outcomes = new ArrayList<>();
        for (GoldenAnswers.Capture capture : captures) {
            outcomes.add(replay(capture));
        }
        return outcomes;
    }

    private Outcome replay(GoldenAnswers.Capture capture) throws InterruptedException {
        List<Double> killPoints = plan.agentKills(capture.sensor());
        int kills = 0;
        int failed = 0;
        for (int run = 1; ; run++) {
            ProgramProcess agent = cluster.startAgent(capture, run);
            if (kills < killPoints.size() && killAtProgress(agent, capture, killPoints.get(kills))) {
                kills++;
                continue;
            }
            OptionalInt exit = agent.awaitExit(RUN_LIMIT);
            if (exit.isEmpty()) {
                agent.kill();
                throw new AssertionError(agent.name() + " hung: still running after " + RUN_LIMIT + "\n" + agent.output());
            }
            Matcher summary = SUMMARY.matcher(agent.output());
            if (exit.getAsInt() == 0 && summary.find()) {
                report.event(agent.name() + " completed: " + summary.group());
                return new Outcome(capture.sensor(), run, kills, number(summary.group(1)), number(summary.group(2)),
                        number(summary.group(3)), number(summary.group(4)));
            }
            report.event("FINDING: " + agent.name() + " exited " + exit.getAsInt() + " without a summary; last output: "
                    + tail(agent.output()));
            if (++failed >= FAILED_RUNS_MAX) {
                throw new AssertionError(capture.sensor() + ": " + failed + " agent runs failed; see " + agent.name());
            }
        }
    }

    /**
     * Waits until a {@code fraction} of what the run still has to publish is stored, then kills it.
     *
     * @return whether it was killed; false when it finished first
     */
    private boolean killAtProgress(ProgramProcess agent, GoldenAnswers.Capture capture, double fraction)
            throws InterruptedException {
        long before = storedWhenReachable(capture.sensor());
        long remaining = capture.packets() - before; // one packet an entry
        long target = before + Math.max(1, (long) Math.ceil(fraction * remaining));
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        while (agent.isAlive() && System.nanoTime() < deadline) {
            long stored = stored(capture.sensor());
            if (stored >= target) {
                agent.kill();
                report.event(String.format("kill -9 %s at %d of %d entries stored (aimed at %d)", agent.name(), stored,
                        capture.packets(), target));
                return true;
            }
            Thread.sleep(stored < 0 ? 20 : 1);
        }
        report.event(agent.name() + " finished before its kill point (" + target + " entries)");
        return false;
    }

    private long storedWhenReachable(String sensor) throws InterruptedException {
        long stored;
        while ((stored = stored(sensor)) < 0) {
            Thread.sleep(20);
        }
        return stored;
    }

    /**
     * @return entries stored under the file's publisher id ({@code <sensor>-f<hex>}: the last sequence number per
     * shard, summed), or -1 while Redis does not answer
     */
    private long stored(String sensor) {
        try {
            long sum = 0;
            for (int k = 0; k < cluster.shards(); k++) {
                for (Map.Entry<String, String> e : cluster.redis().hgetall(cluster.keys().publishers(k)).entrySet()) {
                    if (e.getKey().startsWith(sensor + "-f")) {
                        sum += Long.parseLong(e.getValue());
                    }
                }
            }
            return sum;
        } catch (RedisException e) {
            return -1;
        }
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }

    private static String tail(String output) {
        return output.length() <= 600 ? output : "…" + output.substring(output.length() - 600);
    }
}
