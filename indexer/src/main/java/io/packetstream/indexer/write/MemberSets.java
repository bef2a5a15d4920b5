package io.packetstream.indexer.write;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Distinct members per key, for the set-like indexes (questions 3, 4, 6): a member seen a thousand times in a
 * batch is written once. Minute buckets announce their new members (change events); hour buckets do not.
 */
final class MemberSets {

    private final WriteOp op;
    private final char letter;
    private final Map<String, Set<Bytes>> members = new LinkedHashMap<>();
    private final Map<String, ChangeTag> tags = new HashMap<>();

    /**
     * @param op     {@link WriteOp#SET_ADD}, or {@link WriteOp#SORTED_ADD} for sorted sets with all scores 0
     * @param letter the event letter of new members of a minute bucket ({@link ChangeTag.NewMembers})
     */
    MemberSets(WriteOp op, char letter) {
        if (op != WriteOp.SET_ADD && op != WriteOp.SORTED_ADD) {
            throw new IllegalArgumentException("member sets are written with SADD or ZADD, not " + op);
        }
        this.op = op;
        this.letter = letter;
    }

    /** Adds to an hour bucket, which announces nothing. */
    void addToHour(String key, byte[] member) {
        members.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(new Bytes(member));
        tags.putIfAbsent(key, ChangeTag.NONE);
    }

    /** Adds to a minute bucket, which announces each member it did not hold yet. */
    void addToMinute(String key, String sensor, long epochMinute, byte[] member) {
        members.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(new Bytes(member));
        if (!tags.containsKey(key)) {
            tags.put(key, new ChangeTag.NewMembers(letter, sensor, epochMinute));
        }
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
            out.add(new KeyWrite(e.getKey(), op, args, tags.get(e.getKey())));
        }
        members.clear();
        tags.clear();
    }
}
