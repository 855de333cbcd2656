package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouterTest {
    private final Route a = ex -> { };
    private final Route b = ex -> { };
    private final Route c = ex -> { };

    @Test
    void exactBeatsPrefixAndLongestPrefixWins() {
        Router router = new Router().prefix(Access.USER, "GET", "/", a).prefix(Access.USER, "GET", "/files/", b)
                .exact(Access.USER, "GET", "/files/x", c);
        assertThat(router.match("GET", "/files/x").orElseThrow().route()).isSameAs(c);
        Router.Match files = router.match("GET", "/files/y/z").orElseThrow();
        assertThat(files.route()).isSameAs(b);
        assertThat(files.rest()).isEqualTo("y/z");
        assertThat(files.name()).isEqualTo("GET /files/*");
        assertThat(router.match("GET", "/other").orElseThrow().route()).isSameAs(a);
        assertThat(router.match("PUT", "/files/x")).isEmpty();
        assertThat(router.knowsPath("/files/x")).isTrue();
    }
}
