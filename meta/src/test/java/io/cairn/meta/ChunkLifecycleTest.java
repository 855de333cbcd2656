package io.cairn.meta;

import static io.cairn.meta.TestData.AT;
import static io.cairn.meta.TestData.chunk;
import static io.cairn.meta.TestData.commit;
import static io.cairn.meta.TestData.deduped;
import static io.cairn.meta.TestData.node;
import static io.cairn.meta.TestData.written;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.ErrorCode;
import io.cairn.core.Names;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.Copy;
import io.cairn.core.model.NodeRecord;
import io.cairn.core.model.NodeState;
import io.cairn.core.model.ObjectVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules that guard a chunk's copies, decided at apply time in log order (docs/design/0005): reports never drop the
 * last copy, trims never go below the replication, stores that are gone stop counting at once, and garbage
 * collection never deletes what a commit counts.
 */
class ChunkLifecycleTest extends StoreTest {
    private static final String B = Names.DEFAULT_BUCKET;

    <T> T ok(MetaCommand command, Class<T> type) {
        return log.apply(command).orThrow(type);
    }

    ChunkRecord x() {
        return reader.chunk(chunk("x")).orElseThrow();
    }

    static MetaCommand.ChunkWrite writtenAt(String seed, int size, String node, long generation) {
        return new MetaCommand.ChunkWrite(chunk(seed), size, List.of(node(node)), List.of(generation));
    }

    /** Both copies reported bad at once (one read that found neither readable): one copy must stay recorded. */
    @Test
    void twoReportsInFlightNeverDropTheLastCopy() {
        ok(commit(B, "a", written("x", 10, "n1", "n2")), ObjectVersion.class);
        List<MetaCommand> reports = List.of(new MetaCommand.DropReplica(chunk("x"), node("n1")),
                new MetaCommand.DropReplica(chunk("x"), node("n2")));
        db.apply(1, reader.applied().index() + 1, CommandCodec.encodeBatch(reports));

        assertThat(x().replicas()).containsExactly(node("n2"));
        assertThat(reader.stats().storedBytes()).isEqualTo(10);
    }

    @Test
    void aCopyOnAStoreThatIsGoneCountsForNothingAndCanBeDroppedLast() {
        ok(commit(B, "a", written("x", 10, "n1", "n2")), ObjectVersion.class);
        // n1 comes back on an empty disk under its old id.
        NodeRecord reset = ok(new MetaCommand.RegisterNode(NodeRecord.fresh(node("n1"), "http://n1:9001", AT, null,
                "store-n1-new")), NodeRecord.class);
        assertThat(reset.incarnation()).isEqualTo(1);
        // n2's copy is now the only one that counts: a report about it keeps it; the stale one goes freely.
        ok(new MetaCommand.DropReplica(chunk("x"), node("n2")), ChunkRecord.class);
        assertThat(x().replicas()).containsExactly(node("n1"), node("n2"));
        assertThat(ok(new MetaCommand.ForgetStaleCopies(node("n1"), List.of(chunk("x"))), Integer.class)).isEqualTo(1);
        assertThat(x().copies()).containsExactly(new Copy(node("n2"), 0, 0));
        // A dedup that could only have counted the stale copy is refused.
        ok(new MetaCommand.DropReplica(chunk("x"), node("n2")), ChunkRecord.class);
        ok(new MetaCommand.RegisterNode(NodeRecord.fresh(node("n2"), "http://n2:9001", AT, null, "store-n2-new")),
                NodeRecord.class);
        rejected(commit(B, "b", deduped("x", 10)), ErrorCode.UNAVAILABLE, "no longer stored");
        // The same store id again is the same store: nothing changes.
        assertThat(ok(new MetaCommand.RegisterNode(NodeRecord.fresh(node("n2"), "http://n2:9001", AT, null,
                "store-n2-new")), NodeRecord.class).incarnation()).isEqualTo(1);
    }

    @Test
    void retiringACopyNeedsReplicationOtherCopiesThatCount() {
        ok(commit(B, "a", written("x", 10, "n1", "n2")), ObjectVersion.class);
        rejected(new MetaCommand.RetireCopies(chunk("x"), List.of(node("n1"))), ErrorCode.CONFLICT,
                "fewer than the 2 it needs");
        ok(new MetaCommand.AddCopies(chunk("x"), List.of(new Copy(node("n3"), 0, 42))), ChunkRecord.class);
        assertThat(reader.overReplicated(null, 10)).containsExactly(chunk("x"));

        ChunkRecord trimmed = ok(new MetaCommand.RetireCopies(chunk("x"), List.of(node("n1"))), ChunkRecord.class);

        assertThat(trimmed.replicas()).containsExactly(node("n2"), node("n3"));
        assertThat(trimmed.doomed()).containsExactly(new Copy(node("n1"), 0, 0));
        assertThat(reader.doomedOn(node("n1"), null, 10)).containsExactly(new MetaReader.DoomedCopy(chunk("x"), 0));
        assertThat(reader.overReplicated(null, 10)).isEmpty();
        rejected(new MetaCommand.RetireCopies(chunk("x"), List.of(node("n2"))), ErrorCode.CONFLICT, "fewer");
    }

    @Test
    void aCopyAddedOnAnOldIncarnationOrAlreadyDoomedIsNotRecorded() {
        ok(commit(B, "a", written("x", 10, "n1", "n2")), ObjectVersion.class);
        ok(new MetaCommand.AddCopies(chunk("x"), List.of(new Copy(node("n3"), 5, 1))), ChunkRecord.class);
        assertThat(x().replicas()).containsExactly(node("n1"), node("n2"));
        ok(new MetaCommand.AddCopies(chunk("x"), List.of(new Copy(node("n3"), 0, 7))), ChunkRecord.class);
        ok(new MetaCommand.RetireCopies(chunk("x"), List.of(node("n3"))), ChunkRecord.class);
        ok(new MetaCommand.AddCopies(chunk("x"), List.of(new Copy(node("n3"), 0, 7))), ChunkRecord.class);
        assertThat(x().replicas()).containsExactly(node("n1"), node("n2"));
        // A newer file on that node is another copy.
        ok(new MetaCommand.AddCopies(chunk("x"), List.of(new Copy(node("n3"), 0, 8))), ChunkRecord.class);
        assertThat(x().copies()).contains(new Copy(node("n3"), 0, 8));
    }

    /**
     * The race of invariant 3, step by step in log order: an upload writes a chunk that garbage collection is
     * deleting. The copy it wrote before the collection was logged may be the very file a delete targets, so it does
     * not count; a copy written afterwards has a new generation and does.
     */
    @Test
    void garbageCollectionNeverDeletesWhatACommitCounts() {
        ok(commit(B, "a", writtenAt("x", 10, "n1", 5)), ObjectVersion.class);
        ok(new MetaCommand.DeleteObject(B, "a", null), List.class);
        assertThat(reader.unreferenced(null, 10)).containsExactly(chunk("x"));
        assertThat(reader.stats().unreferencedBytes()).isEqualTo(10);

        // Condemned, then referenced again by a dedup: revived, and the collection that follows leaves it alone.
        assertThat(ok(new MetaCommand.CondemnChunks(List.of(chunk("x")), AT + 1), Integer.class)).isEqualTo(1);
        ok(commit(B, "b", deduped("x", 10)), ObjectVersion.class);
        assertThat(x().condemnedAt()).isZero();
        assertThat(ok(new MetaCommand.CollectChunks(List.of(chunk("x")), AT + 10), Integer.class)).isZero();
        assertThat(x().copies()).containsExactly(new Copy(node("n1"), 0, 5));

        // Unreferenced again: condemned, and collected only once the grace period has passed.
        ok(new MetaCommand.DeleteObject(B, "b", null), List.class);
        ok(new MetaCommand.CondemnChunks(List.of(chunk("x")), AT + 20), Integer.class);
        assertThat(ok(new MetaCommand.CollectChunks(List.of(chunk("x")), AT + 19), Integer.class)).isZero();
        assertThat(ok(new MetaCommand.CollectChunks(List.of(chunk("x")), AT + 20), Integer.class)).isEqualTo(1);
        assertThat(x().copies()).isEmpty();
        assertThat(x().doomed()).containsExactly(new Copy(node("n1"), 0, 5));
        assertThat(reader.stats().doomedBytes()).isEqualTo(10);

        // Nothing left to deduplicate against; the file being deleted cannot be claimed; a fresh one can.
        rejected(commit(B, "c", deduped("x", 10)), ErrorCode.UNAVAILABLE, "no longer stored");
        rejected(commit(B, "c", writtenAt("x", 10, "n1", 5)), ErrorCode.UNAVAILABLE, "being deleted");
        rejected(commit(B, "c", written("x", 10, "n1")), ErrorCode.UNAVAILABLE, "being deleted");
        ok(commit(B, "c", writtenAt("x", 10, "n1", 6)), ObjectVersion.class);
        assertThat(x().copies()).containsExactly(new Copy(node("n1"), 0, 6));

        // The node confirms the old file gone: the doomed copy is forgotten, the chunk lives on.
        assertThat(ok(new MetaCommand.DeletionsDone(node("n1"), List.of(new MetaCommand.StoredCopy(chunk("x"), 10, 5))),
                Long.class)).isEqualTo(10);
        assertThat(x().doomed()).isEmpty();
        assertThat(x().refCount()).isEqualTo(1);
        assertThat(reader.stats().reclaimedBytes()).isEqualTo(10);
    }

    @Test
    void aCollectedChunkIsForgottenOnceEveryDeletionIsConfirmed() {
        ok(commit(B, "a", writtenAt("x", 10, "n1", 5), writtenAt("x", 10, "n2", 9)), ObjectVersion.class);
        ok(new MetaCommand.DeleteObject(B, "a", null), List.class);
        ok(new MetaCommand.CondemnChunks(List.of(chunk("x")), AT), Integer.class);
        ok(new MetaCommand.CollectChunks(List.of(chunk("x")), AT), Integer.class);
        ok(new MetaCommand.DeletionsDone(node("n1"), List.of(new MetaCommand.StoredCopy(chunk("x"), 10, 5))),
                Long.class);
        assertThat(reader.chunk(chunk("x"))).isPresent();
        ok(new MetaCommand.DeletionsDone(node("n2"), List.of(new MetaCommand.StoredCopy(chunk("x"), 10, 9))),
                Long.class);
        assertThat(reader.chunk(chunk("x"))).isEmpty();
        assertThat(reader.stats().chunks()).isZero();
        assertThat(reader.stats().reclaimedBytes()).isEqualTo(20);
    }

    @Test
    void orphansAreDoomedOnlyWhereTheMapRecordsNoCopyThatCounts() {
        ok(commit(B, "a", writtenAt("x", 10, "n1", 5)), ObjectVersion.class);
        List<MetaCommand.StoredCopy> inventory = List.of(new MetaCommand.StoredCopy(chunk("x"), 10, 5),
                new MetaCommand.StoredCopy(chunk("y"), 3, 8));
        assertThat(ok(new MetaCommand.DoomOrphans(node("n1"), 0, inventory), Integer.class)).isEqualTo(1);
        assertThat(x().doomed()).isEmpty();
        ChunkRecord y = reader.chunk(chunk("y")).orElseThrow();
        assertThat(y.doomed()).containsExactly(new Copy(node("n1"), 0, 8));
        assertThat(y.refCount()).isZero();
        // An inventory of another incarnation of the node's store says nothing about this one.
        assertThat(ok(new MetaCommand.DoomOrphans(node("n2"), 3, inventory), Integer.class)).isZero();
        // Doomed once only.
        assertThat(ok(new MetaCommand.DoomOrphans(node("n1"), 0, inventory), Integer.class)).isZero();
        ok(new MetaCommand.DeletionsDone(node("n1"), List.of(new MetaCommand.StoredCopy(chunk("y"), 3, 8))),
                Long.class);
        assertThat(reader.chunk(chunk("y"))).isEmpty();
    }

    @Test
    void aNodeIsRemovedOnlyWithoutCopiesUnlessDeadAndComesBackAsANewIncarnation() {
        ok(commit(B, "a", written("x", 10, "n1", "n2")), ObjectVersion.class);
        rejected(new MetaCommand.RemoveNode(node("n1"), false), ErrorCode.CONFLICT, "drain it first");
        assertThat(ok(new MetaCommand.SetNodeState(node("n3"), NodeState.DRAINING), NodeRecord.class).state())
                .isEqualTo(NodeState.DRAINING);
        assertThat(ok(new MetaCommand.RemoveNode(node("n3"), false), NodeRecord.class).state())
                .isEqualTo(NodeState.REMOVED);
        rejected(new MetaCommand.SetNodeState(node("n3"), NodeState.ACTIVE), ErrorCode.NOT_FOUND, "no storage node");

        ok(new MetaCommand.RemoveNode(node("n1"), true), NodeRecord.class);
        assertThat(reader.copiesOn(node("n1"), null, 10)).containsExactly(new MetaReader.NodeCopy(chunk("x"), 0));
        rejected(new MetaCommand.RegisterNode(NodeRecord.fresh(node("n1"), "http://n1:9001", AT, null, "store-n1")),
                ErrorCode.CONFLICT, "start it on an empty data directory");
        NodeRecord back = ok(new MetaCommand.RegisterNode(NodeRecord.fresh(node("n1"), "http://n1:9001", AT, null,
                "store-n1-wiped")), NodeRecord.class);
        assertThat(back.state()).isEqualTo(NodeState.ACTIVE);
        assertThat(back.incarnation()).isEqualTo(1);
        assertThat(ok(new MetaCommand.ForgetStaleCopies(node("n1"), List.of(chunk("x"))), Integer.class))
                .isEqualTo(1);
        assertThat(reader.copiesOn(node("n1"), null, 10)).isEmpty();
        assertThat(reader.underReplicated(null, 10)).containsExactly(chunk("x"));
    }
}
