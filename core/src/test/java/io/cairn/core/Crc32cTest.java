package io.cairn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Crc32cTest {

    @Test
    void matchesTheStandardCheckValue() {
        // RFC 3720 (iSCSI), appendix B.4: CRC32C of "123456789" is E3069283.
        byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc32c.of(digits, 0, digits.length).hex()).isEqualTo("e3069283");
    }

    @Test
    void parsesWhatItPrints() {
        Crc32c crc = new Crc32c(0x0000_00ffL);
        assertThat(crc.hex()).isEqualTo("000000ff");
        assertThat(Crc32c.parse("000000FF")).isEqualTo(crc);
        assertThat(Crc32c.parse("ffffffff").value()).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void refusesWhatIsNotEightHexDigits() {
        for (String bad : new String[] {"", "abc", "123456789", "0000000g", "+0000001", "-0000001"}) {
            assertThatThrownBy(() -> Crc32c.parse(bad)).as(bad).isInstanceOfSatisfying(CairnException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        }
    }
}
