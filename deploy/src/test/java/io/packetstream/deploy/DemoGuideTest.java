package io.packetstream.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoGuideTest {

    @Test
    void theDashboardLinkCarriesEveryExamplesInputsUnderItsQuestion() {
        List<DemoGuide.Example> examples = List.of(
                new DemoGuide.Example("demo-q2-volume", "/api/v1/volume?a=10.10.0.11&b=172.16.9.33"),
                new DemoGuide.Example("demo-q4-services", "/api/v1/hosts/well-known-services"),
                new DemoGuide.Example("demo-q5-containing", "/api/v1/packets/containing?hex=35AFF8"));
        assertEquals("?q2.a=10.10.0.11&q2.b=172.16.9.33&q5.hex=35AFF8", DemoGuide.dashboardQuery(examples));
        assertEquals("", DemoGuide.dashboardQuery(List.of()));
    }

    @Test
    void theBundledExamplesFillTheQuestionsThatNeedInputs() {
        String query = DemoGuide.dashboardQuery(DemoGuide.examples("demo"));
        for (String input : List.of("q1.at=", "q2.a=", "q2.b=", "q3.ip=", "q5.hex=")) {
            assertTrue(query.contains(input), input + " in " + query);
        }
    }
}
