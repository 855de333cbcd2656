package io.cairn.app.cli;

import io.cairn.api.QuotaInfo;
import io.cairn.core.Names;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn admin quota set|list}: limits on what a bucket, or a user's buckets together, may hold
 * (/admin/quotas). The cluster decides them when each write is committed.
 */
@Command(name = "quota", exitCodeOnInvalidInput = CliErrors.LOCAL,
        description = "Set or list quotas of buckets and users on bytes and objects (/admin/quotas).",
        subcommands = {QuotaCommand.Set.class, QuotaCommand.ListQuotas.class})
public final class QuotaCommand {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    static Table table(List<QuotaInfo> quotas) {
        Table table = new Table(List.of(Table.Column.left("SCOPE"), Table.Column.left("NAME"),
                Table.Column.right("USED"), Table.Column.right("MAX BYTES"), Table.Column.right("OBJECTS"),
                Table.Column.right("MAX OBJECTS")));
        for (QuotaInfo quota : quotas) {
            table.row(quota.scope(), quota.name(), Formats.bytes(quota.used_bytes()),
                    quota.max_bytes() == 0 ? "-" : Formats.bytes(quota.max_bytes()),
                    Long.toString(quota.used_objects()),
                    quota.max_objects() == 0 ? "-" : Long.toString(quota.max_objects()));
        }
        return table;
    }

    record Quotas(List<QuotaInfo> quotas) {
    }

    @Command(name = "set", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = {"Set the quota of a bucket or of a user (all the buckets the user created), "
                    + "PUT /admin/quotas/bucket|user/NAME.",
                    "Both limits 0 (the default) removes it. A quota below what is held refuses writes that add, "
                            + "not the data already there."})
    public static final class Set extends ServerView {
        @Parameters(index = "0", paramLabel = "bucket|user", description = "What the quota limits.")
        String scope;

        @Parameters(index = "1", paramLabel = "NAME", description = "The bucket's or the user's name.")
        String name;

        @Option(names = "--max-bytes", paramLabel = "SIZE", description = "Most bytes held, e.g. 500GiB; 0 for no "
                + "limit.")
        String maxBytes;

        @Option(names = "--max-objects", paramLabel = "N", description = "Most objects (stored versions) held; 0 for "
                + "no limit.")
        long maxObjects;

        @Override
        int view() throws Exception {
            String checked = switch (scope) {
                case "bucket" -> Names.bucket(name);
                case "user" -> Names.user(name);
                default -> throw CliErrors.usage("the quota's scope is bucket or user, not '" + scope + "'");
            };
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("max_bytes", maxBytes == null ? "0" : maxBytes);
            body.put("max_objects", maxObjects);
            return JsonViews.send(spec, client, rest -> rest.withJson("PUT", Routes.QUOTAS + "/" + scope + "/"
                    + KeyEncoding.component(checked), body), json, QuotaInfo.class,
                    (quota, rest) -> table(List.of(quota)).render());
        }
    }

    @Command(name = "list", exitCodeOnInvalidInput = CliErrors.LOCAL,
            description = "List every quota with what is held under it (GET /admin/quotas).")
    public static final class ListQuotas extends ServerView {
        @Override
        int view() throws Exception {
            return JsonViews.show(spec, client, Routes.QUOTAS, json, Quotas.class,
                    (quotas, rest) -> table(quotas.quotas() == null ? List.of() : quotas.quotas()).render());
        }
    }
}
