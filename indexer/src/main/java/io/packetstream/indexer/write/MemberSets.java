package io.packetstream.indexer.write;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Distinct members per key, for the set-like indexes (questions 3, 4, 6): a member seen a thousand times in a
 * batch is written once.
 */
final class MemberSets {

    private final WriteOp op;
    private final Map<String, Set<Bytes>> members = new LinkedHashMap<>();

    /** @param op {@link WriteOp#SET_ADD}, or {@link WriteOp#SORTED_ADD} for sorted sets with all scores 0 */
    MemberSets(WriteOp op) {
        if (op != WriteOp.SET_ADD && op != WriteOp.SORTED_ADD) {
            throw new IllegalArgumentException("member sets are written with SADD or ZADD, not " + op);
        }
        this.op = op;
    }

    void add(String key, byte[] member) {
        members.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(new Bytes(member));
    }

    void emitTo(List<KeyWrite> out) {
        for (Map.Entry<String, Set<Bytes>> e : members.entrySet()) {
            List<byte[]> args = new ArrayList<>(e.getValue().size() * (op == WriteOp.SORTED_ADD ? 2 : 1));
            for (Bytes member : e.getValue()) {
                if (op == WriteOp.SORTED_ADD) {
                    args.add(Args.ZERO);
                }
                args.add(member.value);
            }
            out.add(new KeyWrite(e.getKey(), op, args));
        }
        members.clear();
    }
}
