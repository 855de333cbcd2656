package io.cairn.app.cli;

import io.cairn.api.RaftStatus;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "leader", exitCodeOnInvalidInput = CliErrors.LOCAL,
        description = {"Show the controller group (GET /leader/status): the leader, the Raft term and each "
                + "controller's commit index and lag, as the controller at --url sees them.",
                "Followers know the others' indexes only as last reported; ask the leader for exact figures."})
public final class LeaderCommand extends ServerView {
    @Override
    int view() throws Exception {
        return JsonViews.show(spec, client, Routes.LEADER_STATUS, json, RaftStatus.class,
                (status, rest) -> render(status, rest.base().toString()));
    }

    static String render(RaftStatus s, String url) {
        Table facts = new Table(List.of(Table.Column.left(""), Table.Column.left("")));
        facts.row("leader:", s.leader() != null ? s.leader() : "none (an election is running)");
        facts.row("term:", s.term());
        facts.row("answered by:", s.self() + " (" + s.role() + ") at " + url);
        facts.row("its log:", "commit " + s.commit_index() + ", applied " + s.applied_index() + ", snapshot "
                + (s.snapshot_index() < 0 ? "none" : s.snapshot_index()));
        Table peers = new Table(List.of(Table.Column.left("ID"), Table.Column.left("ADDRESS"),
                Table.Column.left("ROLE"), Table.Column.right("COMMIT"), Table.Column.right("LAG")));
        for (RaftStatus.Peer p : s.peers()) {
            peers.row(p.id(), p.address(), role(s, p), known(p.commit_index()), known(p.lag()));
        }
        return facts.flush(false) + '\n' + peers.render();
    }

    /** "3 (leader c2, term 4)": the group in one line, for {@code cairn status}. */
    static String summary(RaftStatus s) {
        return s.peers().size() + " (" + (s.leader() != null ? "leader " + s.leader() : "no leader: election running")
                + ", term " + s.term() + ")";
    }

    /** The answering controller knows its own role (CANDIDATE during an election); the others' only as led or not. */
    private static String role(RaftStatus s, RaftStatus.Peer p) {
        if (p.id().equals(s.self()) && s.role() != null) {
            return s.role();
        }
        return p.leader() ? "LEADER" : "FOLLOWER";
    }

    /** Null, shown as "-", for the -1 the server sends when it does not know. */
    private static Long known(long value) {
        return value < 0 ? null : value;
    }
}
