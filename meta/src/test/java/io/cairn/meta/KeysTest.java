package io.cairn.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeysTest {
    @Test
    void versionsSortNumericallyAndStayInsideTheirKeysRange() {
        byte[] v2 = Keys.version("b", "k", 2);
        byte[] v10 = Keys.version("b", "k", 10);
        byte[] v300 = Keys.version("b", "k", 300);
        assertThat(Arrays.compareUnsigned(v2, v10)).isNegative();
        assertThat(Arrays.compareUnsigned(v10, v300)).isNegative();

        byte[] prefix = Keys.versionPrefix("b", "k");
        byte[] end = Keys.prefixEnd(prefix);
        assertThat(Arrays.compareUnsigned(Keys.version("b", "k", Long.MAX_VALUE), end)).isNegative();
        // The versions of "k" never mix with those of "k/x" or "k0".
        assertThat(Arrays.compareUnsigned(Keys.version("b", "k/x", 1), end)).isPositive();
        assertThat(Arrays.compareUnsigned(Keys.version("b", "k0", 1), end)).isPositive();
    }

    @Test
    void prefixEnd() {
        assertThat(Keys.prefixEnd(new byte[] {'H', 'a', 0})).containsExactly('H', 'a', 1);
        assertThat(Keys.prefixEnd(new byte[] {'H', (byte) 0xFF, (byte) 0xFF})).containsExactly('I');
        assertThat(Keys.successor(new byte[] {'H', 'a'})).containsExactly('H', 'a', 0);
    }

    @Test
    void storableKeys() {
        assertThat(Keys.requireStorable("../odd but storable/\uD83D\uDE00")).isNotNull();
        assertThat(Keys.requireStorable("€".repeat(341))).hasSize(341); // 1,023 bytes
        assertThatThrownBy(() -> Keys.requireStorable("€".repeat(342))).isInstanceOf(CairnException.class);
        assertThatThrownBy(() -> Keys.requireStorable("a\u0000")).isInstanceOf(CairnException.class);
        assertThatThrownBy(() -> Keys.requireStorable("\uDE00a")).isInstanceOf(CairnException.class);
        assertThatThrownBy(() -> Keys.requireStorable("")).isInstanceOf(CairnException.class);
    }
}
