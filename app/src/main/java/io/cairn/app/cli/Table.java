package io.cairn.app.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: columns padded to their widest cell, numbers right-aligned, two spaces between columns and no
 * trailing blanks, so the output stays friendly to {@code grep}, {@code awk} and {@code column}. Not thread-safe.
 */
final class Table {
    enum Align { LEFT, RIGHT }

    record Column(String header, Align align) {
        static Column left(String header) {
            return new Column(header, Align.LEFT);
        }

        static Column right(String header) {
            return new Column(header, Align.RIGHT);
        }
    }

    private final List<Column> columns;
    private final List<List<String>> rows = new ArrayList<>();
    private final int[] widths;

    Table(List<Column> columns) {
        this.columns = List.copyOf(columns);
        this.widths = new int[columns.size()];
    }

    Table row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            row.add(cell == null ? "-" : cell.toString());
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table with its header line; every line ends with '\n'. */
    String render() {
        return flush(true);
    }

    /**
     * Renders the rows added since the last flush and forgets them, keeping each column at least as wide as before:
     * a listing printed page by page stays aligned without holding every page.
     */
    String flush(boolean withHeader) {
        for (int c = 0; c < widths.length; c++) {
            if (withHeader) {
                widths[c] = Math.max(widths[c], columns.get(c).header().length());
            }
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        if (withHeader) {
            appendLine(out, columns.stream().map(Column::header).toList(), widths);
        }
        for (List<String> row : rows) {
            appendLine(out, row, widths);
        }
        rows.clear();
        return out.toString();
    }

    private void appendLine(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            if (c > 0) {
                line.append("  ");
            }
            line.append(columns.get(c).align() == Align.RIGHT ? pad + cell : cell + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
