package io.cairn.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * How a header value's bytes become text. Jetty reads each byte as one ISO-8859-1 character; clients send UTF-8
 * (the AWS SDKs send user metadata such as {@code é} as its two UTF-8 bytes and sign those bytes). A value whose
 * bytes are valid UTF-8 is read as UTF-8, so that it is stored as the text the client meant and re-encoded as UTF-8
 * it gives back exactly the bytes received (what a signature covers); any other value stays as Jetty read it.
 */
public final class HeaderText {
    private HeaderText() {
    }

    public static String decode(String asLatin1) {
        if (asLatin1 == null || asLatin1.chars().allMatch(c -> c < 0x80)) {
            return asLatin1;
        }
        byte[] bytes = asLatin1.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return asLatin1;
        }
    }
}
