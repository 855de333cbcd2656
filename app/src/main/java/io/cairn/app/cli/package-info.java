/**
 * The client side of the {@code cairn} binary: subcommands that talk to a running cluster over the public REST API
 * ({@code put}, {@code get}, {@code ls}, {@code rm}, {@code stat}, {@code status}, {@code nodes}), users, access keys,
 * policies and the cluster's tokens ({@code admin user|key|policy|join-token|metrics-token}), the controller group's
 * view and administration ({@code leader}, {@code admin controllers list|add|remove}, {@code admin snapshot}; these
 * need a controller's URL, not a separate gateway's) and the benchmark ({@code bench}). Commands sign in as
 * {@link io.cairn.app.cli.ClientOptions} says: flags, the environment, a profile of {@code ~/.cairn/credentials}.
 *
 * <p>Every command goes through one {@link io.cairn.app.cli.RestClient} (JDK HTTP client, HTTP/1.1, streamed
 * bodies) and maps failures to exit codes in one place, {@link io.cairn.app.cli.CliErrors}: 0 ok, 1 usage or local
 * error, 2 the server refused the request (4xx), 3 not found (404), 4 server error (5xx) or cluster unreachable.
 */
package io.cairn.app.cli;
