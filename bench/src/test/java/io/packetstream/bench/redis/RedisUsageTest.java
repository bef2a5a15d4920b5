package io.packetstream.bench.redis;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisUsageTest {

    private static final String BEFORE = """
            # CPU\r
            used_cpu_sys:1.500000\r
            used_cpu_user:2.000000\r
            used_cpu_sys_children:0.000000\r
            used_cpu_user_children:0.000000\r
            used_cpu_sys_main_thread:1.250000\r
            used_cpu_user_main_thread:1.750000\r
            # Commandstats\r
            cmdstat_xadd:calls=10,usec=100,usec_per_call=10.00,rejected_calls=0,failed_calls=0\r
            cmdstat_evalsha:calls=10,usec=300,usec_per_call=30.00,rejected_calls=0,failed_calls=0\r
            """;

    private static final String AFTER = """
            # CPU
            used_cpu_sys:2.500000
            used_cpu_user:4.000000
            used_cpu_sys_main_thread:2.250000
            used_cpu_user_main_thread:3.250000
            # Commandstats
            cmdstat_xadd:calls=30,usec=400,usec_per_call=13.33,rejected_calls=0,failed_calls=0
            cmdstat_evalsha:calls=30,usec=1300,usec_per_call=43.33,rejected_calls=0,failed_calls=0
            cmdstat_client|setinfo:calls=2,usec=4,usec_per_call=2.00,rejected_calls=0,failed_calls=0
            cmdstat_info:calls=1,usec=20,usec_per_call=20.00,rejected_calls=0,failed_calls=0
            """;

    @Test
    void mainThreadCpuIsPreferredOverTheWholeProcess() {
        RedisUsage usage = RedisUsage.parse(BEFORE);
        assertTrue(usage.mainThread());
        assertEquals(3.0, usage.cpuSeconds(), 1e-9);
    }

    @Test
    void serversWithoutMainThreadFiguresFallBackToTheProcess() {
        RedisUsage usage = RedisUsage.parse("used_cpu_sys:1.5\nused_cpu_user:2.25\n");
        assertFalse(usage.mainThread());
        assertEquals(3.75, usage.cpuSeconds(), 1e-9);
    }

    @Test
    void differenceCoversOnlyWhatRanBetweenTheReadings() {
        RedisUsage delta = RedisUsage.parse(AFTER).minus(RedisUsage.parse(BEFORE));
        assertEquals(2.5, delta.cpuSeconds(), 1e-9);
        assertEquals(new CommandTime("xadd", 20, 300), delta.commands().get("xadd"));
        assertEquals(new CommandTime("client|setinfo", 2, 4), delta.commands().get("client|setinfo"));
        assertEquals("evalsha", delta.top(1).get(0).name());
    }

    @Test
    void scriptTimeIsKeptApartFromTheCommandsScriptsRun() {
        RedisUsage delta = RedisUsage.parse(AFTER).minus(RedisUsage.parse(BEFORE));
        assertEquals(1000, delta.scriptMicros());
        assertEquals(300 + 4 + 20, delta.otherMicros());
    }

    @Test
    void textWithoutCpuFiguresIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RedisUsage.parse("# Commandstats\n"));
    }
}
