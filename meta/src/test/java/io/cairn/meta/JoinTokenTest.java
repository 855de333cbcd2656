package io.cairn.meta;

import static io.cairn.meta.TestData.AT;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.ErrorCode;
import io.cairn.core.model.JoinTokenRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** v2 join tokens: a use is decided at apply time, by the token, the command's time and the uses left. */
class JoinTokenTest extends StoreTest {
    private static final String ID = "0123456789abcdef";
    private static final long HOUR = 3_600_000;

    JoinTokenRecord create(String id, long at, long expiresAt, int uses) {
        return log.apply(new MetaCommand.CreateJoinToken(id, "sealed-" + id, at, expiresAt, uses))
                .orThrow(JoinTokenRecord.class);
    }

    ApplyResult use(String id, long at) {
        return log.apply(new MetaCommand.UseJoinToken(id, at));
    }

    /** Refused with the one message that says nothing of why, and nothing changed but the applied index. */
    void refused(String id, long at) {
        String before = StateDigest.of(db.store().live());
        assertThat(use(id, at)).isInstanceOfSatisfying(ApplyResult.Rejected.class, r -> {
            assertThat(r.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
            assertThat(r.message()).isEqualTo(MetaCommand.UseJoinToken.REFUSED);
        });
        assertThat(StateDigest.of(db.store().live())).isEqualTo(before);
    }

    @Test
    void isStoredWithItsSealedSecretExpiryAndUses() {
        JoinTokenRecord token = create(ID, AT, AT + HOUR, 3);
        assertThat(token).isEqualTo(new JoinTokenRecord(ID, "sealed-" + ID, AT, AT + HOUR, 3));
        assertThat(reader.joinToken(ID)).contains(token);
        assertThat(reader.joinTokens()).containsExactly(token);
        assertThat(token.toString()).doesNotContain("sealed");
    }

    @Test
    void eachUseDecrementsAndTheLastDeletesIt() {
        create(ID, AT, AT + HOUR, 2);
        assertThat(use(ID, AT + 1).orThrow(JoinTokenRecord.class).usesLeft()).isEqualTo(1);
        assertThat(reader.joinToken(ID)).hasValueSatisfying(t -> assertThat(t.usesLeft()).isEqualTo(1));
        assertThat(use(ID, AT + 2).orThrow(JoinTokenRecord.class).usesLeft()).isZero();
        assertThat(reader.joinToken(ID)).isEmpty();
        refused(ID, AT + 3);
    }

    @Test
    void anUnknownTokenIsRefusedAsAnExpiredOneIs() {
        refused(ID, AT);
        create(ID, AT, AT + HOUR, 5);
        refused("fedcba9876543210", AT + 1);
        refused(ID, AT + HOUR);
        refused(ID, AT + 2 * HOUR);
        // Still there, unused: expiry is decided by the command's time, not by a clock.
        assertThat(reader.joinToken(ID)).hasValueSatisfying(t -> assertThat(t.usesLeft()).isEqualTo(5));
        assertThat(use(ID, AT + HOUR - 1)).isInstanceOf(ApplyResult.Ok.class);
    }

    @Test
    void creatingOneDeletesTheTokensExpiredByThen() {
        create("00000000000000a1", AT, AT + HOUR, 1);
        create("00000000000000a2", AT, AT + 3 * HOUR, 1);
        create("00000000000000a3", AT + 2 * HOUR, AT + 4 * HOUR, 1);
        assertThat(reader.joinTokens()).extracting(JoinTokenRecord::id)
                .containsExactly("00000000000000a2", "00000000000000a3");
    }

    @Test
    void malformedOrDuplicateTokensAreRejected() {
        create(ID, AT, AT + HOUR, 1);
        for (MetaCommand bad : List.of(
                new MetaCommand.CreateJoinToken(ID, "other", AT, AT + HOUR, 1),
                new MetaCommand.CreateJoinToken("0123456789ABCDEF", "s", AT, AT + HOUR, 1),
                new MetaCommand.CreateJoinToken("../x", "s", AT, AT + HOUR, 1),
                new MetaCommand.CreateJoinToken("00000000000000b1", "s", AT, AT + HOUR, 0),
                new MetaCommand.CreateJoinToken("00000000000000b1", "s", AT, AT + HOUR, 1001),
                new MetaCommand.CreateJoinToken("00000000000000b1", "s", AT, AT, 1))) {
            String before = StateDigest.of(db.store().live());
            assertThat(log.apply(bad)).as(bad.toString()).isInstanceOf(ApplyResult.Rejected.class);
            assertThat(StateDigest.of(db.store().live())).isEqualTo(before);
        }
        assertThat(reader.joinToken(ID)).hasValueSatisfying(t -> assertThat(t.sealedSecret())
                .isEqualTo("sealed-" + ID));
    }

    /** Two redemptions of a single-use token, in one batch as racing controllers' would be: the log picks one. */
    @Test
    void racingUsesOfASingleUseTokenLetOneThrough() {
        create(ID, AT, AT + HOUR, 1);
        List<ApplyResult> results = db.apply(1, db.applied().index() + 1, CommandCodec.encodeBatch(List.of(
                new MetaCommand.UseJoinToken(ID, AT + 1), new MetaCommand.UseJoinToken(ID, AT + 1))));
        assertThat(results.get(0)).isInstanceOf(ApplyResult.Ok.class);
        assertThat(results.get(1)).isInstanceOfSatisfying(ApplyResult.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
        assertThat(reader.joinToken(ID)).isEmpty();
    }

    @Test
    void applyingTheSameCommandsGivesTheSameResultsAndBytes(@TempDir Path other) {
        List<MetaCommand> commands = List.of(
                new MetaCommand.CreateJoinToken(ID, "s1", AT, AT + HOUR, 2),
                new MetaCommand.CreateJoinToken("00000000000000c1", "s2", AT + 1, AT + 2, 1),
                new MetaCommand.UseJoinToken(ID, AT + 5),
                new MetaCommand.UseJoinToken("00000000000000c1", AT + 5),
                new MetaCommand.CreateJoinToken("00000000000000c2", "s3", AT + 10, AT + HOUR, 1),
                new MetaCommand.UseJoinToken(ID, AT + 20),
                new MetaCommand.UseJoinToken(ID, AT + 30));
        List<ApplyResult> here = log.apply(commands);
        try (MetaDatabase second = MetaDatabase.open(other)) {
            TestLog secondLog = new TestLog(second);
            secondLog.apply(new MetaCommand.InitCluster("c-1", AT));
            for (MetaCommand register : TestData.registerNodes()) {
                secondLog.apply(register);
            }
            assertThat(secondLog.apply(commands)).isEqualTo(here);
            assertThat(TestData.digest(second.store().live())).isEqualTo(TestData.digest(db.store().live()));
        }
        assertThat(here).extracting(r -> r.getClass().getSimpleName())
                .containsExactly("Ok", "Ok", "Ok", "Rejected", "Ok", "Ok", "Rejected");
    }
}
