package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.eclipse.jetty.server.handler.DefaultHandler;
import org.junit.jupiter.api.Test;

class HttpServerHostTest {
    @Test
    void aPortInUseIsRefusedNamingTheAddressWhatItServesAndTheSettingToChange() throws Exception {
        try (HttpServerHost first = new HttpServerHost("127.0.0.1", 0, new DefaultHandler(), null).start("first")) {
            HttpServerHost second = new HttpServerHost("127.0.0.1", first.port(), new DefaultHandler(), null);
            assertThatThrownBy(() -> second.start("the S3 API (--s3-port, S3_PORT)"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + first.port()
                            + " for the S3 API (--s3-port, S3_PORT)")
                    .hasMessageContaining("choose another port with that setting");
        }
    }
}
