package io.cairn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "dir/file.txt", "café", "日本語", "a..b", "x/.hidden", "spaces and+plus", "🎉"})
    void acceptsKeys(String key) {
        assertThat(Names.key(key)).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../../etc/passwd", "a/../b", "./a", "a/.", "/abs", "tab\there", "nul\u0000"})
    void rejectsKeys(String key) {
        assertThatThrownBy(() -> Names.key(key)).isInstanceOf(CairnException.class)
                .extracting(e -> ((CairnException) e).code()).isEqualTo(ErrorCode.INVALID_NAME);
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "my-bucket", "a.b.c", "abc"})
    void acceptsBuckets(String name) {
        assertThat(Names.bucket(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Upper", "-start", "end-", "a..b", "under_score"})
    void rejectsBuckets(String name) {
        assertThatThrownBy(() -> Names.bucket(name)).isInstanceOf(CairnException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "Bob.Smith+ci@example.com", "svc_backup-1", "a=b,c"})
    void acceptsUserAndPolicyNames(String name) {
        assertThat(Names.user(name)).isEqualTo(name);
        assertThat(Names.policy(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with space", "a/b", "a:b", "ü", "tab\there", "line\n"})
    void rejectsUserAndPolicyNames(String name) {
        assertThatThrownBy(() -> Names.user(name)).isInstanceOf(CairnException.class)
                .extracting(e -> ((CairnException) e).code()).isEqualTo(ErrorCode.INVALID_NAME);
        assertThatThrownBy(() -> Names.policy(name)).isInstanceOf(CairnException.class);
    }

    @org.junit.jupiter.api.Test
    void userNamesTakeUpTo64CharactersAndPolicyNames128() {
        assertThat(Names.user("u".repeat(64))).hasSize(64);
        assertThatThrownBy(() -> Names.user("u".repeat(65))).isInstanceOf(CairnException.class);
        assertThat(Names.policy("p".repeat(128))).hasSize(128);
        assertThatThrownBy(() -> Names.policy("p".repeat(129))).isInstanceOf(CairnException.class);
    }

    @org.junit.jupiter.api.Test
    void keyLengthIsCountedInUtf8Bytes() {
        assertThat(Names.key("a".repeat(1024))).hasSize(1024);
        assertThatThrownBy(() -> Names.key("é".repeat(513))).isInstanceOf(CairnException.class);
    }
}
