package io.packetstream.indexer;

import io.packetstream.core.address.AddressClassifier;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexerOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        IndexerOptions o = IndexerOptions.defaults();
        assertEquals(256, o.batchEntries());
        assertEquals(Duration.ofSeconds(1), o.block());
        assertEquals(Duration.ofDays(7), o.retention());
        assertEquals(Duration.ofSeconds(10), o.lease());
        assertEquals(AddressClassifier.DEFAULT_LOCAL, o.localNetworks());
        assertEquals(Duration.ofMinutes(10), o.changeRetention());
        assertTrue(o.consumer().endsWith("-" + ProcessHandle.current().pid()));
    }

    @Test
    void badValuesAreRejectedNamingTheSetting() {
        assertMessage("batch-entries", () -> IndexerOptions.builder().batchEntries(0).build());
        assertMessage("batch-entries", () -> IndexerOptions.builder().batchEntries(5000).build());
        assertMessage("block", () -> IndexerOptions.builder().block(Duration.ZERO).build());
        assertMessage("retention", () -> IndexerOptions.builder().retention(Duration.ofMillis(10)).build());
        assertMessage("lease", () -> IndexerOptions.builder().lease(Duration.ofMillis(10)).build());
        assertMessage("a third of the lease", () -> IndexerOptions.builder().lease(Duration.ofSeconds(2)).build());
        assertMessage("consumer", () -> IndexerOptions.builder().consumer("two words").build());
        assertMessage("change-retention", () -> IndexerOptions.builder().changeRetention(Duration.ofDays(-1)).build());
        assertMessage("max-backoff", () -> IndexerOptions.builder()
                .backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).build());
    }

    @Test
    void toBuilderCopiesEverything() {
        IndexerOptions o = IndexerOptions.builder().consumer("c").batchEntries(7).changeRetention(Duration.ZERO).build();
        assertEquals(o, o.toBuilder().build());
        assertEquals(8, o.toBuilder().batchEntries(8).build().batchEntries());
    }

    private static void assertMessage(String name, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(name), x.getMessage());
    }
}
