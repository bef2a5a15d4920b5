package io.packetstream.query.read;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.index.Endpoint;
import io.packetstream.core.record.PacketId;
import io.packetstream.core.time.TimeRange;
import io.packetstream.query.read.QueryResult.ActiveConnection;
import io.packetstream.query.read.QueryResult.PacketMatch;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultOrderTest {

    private static IpAddress ip(String text) {
        return IpAddress.parse(text);
    }

    private static Endpoint ep(String address, int port) {
        return new Endpoint(ip(address), port);
    }

    private static List<QueryResult> sorted(Question question, QueryResult... results) {
        Answer answer = new Answer(question, List.of(0), Optional.empty(), Flux.just(results), new ScanProgress());
        return answer.collectSorted().block(Duration.ofSeconds(5));
    }

    @Test
    void hostsIpv4FirstThenByUnsignedBytes() {
        // the order the readers of questions 3, 4 and 6 sort hosts in
        List<IpAddress> hosts = new ArrayList<>(List.of(ip("fd00::1"), ip("200.0.0.1"), ip("::1"), ip("10.0.0.1"),
                ip("9.0.0.1")));
        hosts.sort(null);
        assertEquals(List.of(ip("9.0.0.1"), ip("10.0.0.1"), ip("200.0.0.1"), ip("::1"), ip("fd00::1")), hosts);
    }

    @Test
    void connectionsByProtocolNameThenServiceSideThenClient() {
        ActiveConnection a = new ActiveConnection(17, ep("10.0.0.1", 5000), ep("10.0.0.9", 53), 1);
        ActiveConnection b = new ActiveConnection(6, ep("10.0.0.1", 5000), ep("10.0.0.9", 80), 1);
        ActiveConnection c = new ActiveConnection(6, ep("10.0.0.1", 5001), ep("10.0.0.2", 80), 1);
        ActiveConnection d = new ActiveConnection(6, ep("10.0.0.1", 5000), ep("10.0.0.9", 53), 1);
        List<ActiveConnection> connections = new ArrayList<>(List.of(a, b, d, c));
        connections.sort(ResultOrder.CONNECTIONS);
        assertEquals(List.of(c, d, b, a), connections);
    }

    @Test
    void onlyPacketAnswersAreSortedAfterReading() {
        // the other readers sort once, as they gather; a second sort would only cost time
        assertTrue(new Question.ActiveConnections(OptionalLong.empty(), Optional.empty()).order().isEmpty());
        assertTrue(new Question.TalkingOutside(Question.Scope.all()).order().isEmpty());
        assertTrue(new Question.Containing(new byte[]{1}, 1, Question.Scope.all()).order().isPresent());
    }

    @Test
    void packetsByTimeThenSensorThenId() {
        Question q = new Question.Containing(new byte[]{1}, 10, new Question.Scope(TimeRange.ALL, Optional.empty()));
        PacketMatch late = match(0, "5-0", 0, 200, "s1");
        PacketMatch s2 = match(0, "4-0", 0, 100, "s2");
        PacketMatch s1Shard1 = match(1, "3-0", 0, 100, "s1");
        PacketMatch s1Shard0b = match(0, "10-0", 1, 100, "s1");
        PacketMatch s1Shard0a = match(0, "9-0", 2, 100, "s1");
        assertEquals(List.of(s1Shard0a, s1Shard0b, s1Shard1, s2, late),
                sorted(q, late, s2, s1Shard1, s1Shard0b, s1Shard0a));
    }

    private static PacketMatch match(int shard, String entry, int index, long time, String sensor) {
        return new PacketMatch(new PacketId(shard, entry, index), time, sensor, 17, ep("10.0.0.1", 1),
                ep("10.0.0.2", 2), 60, 1, new byte[0]);
    }

    @Test
    void endpointOrderIsTheAddressOrderOfCoreThenPort() {
        List<Endpoint> endpoints = List.of(ep("10.0.0.1", 80), ep("10.0.0.1", 443), ep("10.0.0.128", 80),
                ep("200.0.0.1", 22), ep("9.255.255.255", 65535), ep("::1", 80), ep("2001:db8::1", 53),
                ep("ff02::fb", 5353), ep("2001:db8::1", 54));
        for (Endpoint x : endpoints) {
            for (Endpoint y : endpoints) {
                assertEquals(Integer.signum(x.compareTo(y)), Integer.signum(ResultOrder.compare(x, y)), x + " vs " + y);
            }
        }
    }
}
