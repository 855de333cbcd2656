package io.cairn.api;

import java.util.List;

/** A user as the admin API shows it. */
public record UserInfo(String name, String created_at, boolean enabled, List<String> policies) {
}
