package org.orggroups.query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import org.orggroups.api.query.Page;
import org.orggroups.api.query.PageRequest;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowMapper;

/**
 * Offset paging shared by the list queries. Source of the rules: API.md section 3, {@code page}: 1-based,
 * {@code last} (a {@code null} page) is the last page, past the end does not exist, and an empty result still
 * has page 1.
 */
public final class Paging {

    /** Reads one slice of the ordered result. */
    @FunctionalInterface
    public interface Slice<T> {
        /**
         * @param offset rows to skip, at least 0
         * @param limit  rows to return at most, at least 1
         * @return the rows
         */
        List<T> rows(long offset, int limit);
    }

    /**
     * Reads the number of matching rows and one slice of them in one statement, so that a list costs one round
     * trip and both come from one snapshot.
     */
    @FunctionalInterface
    public interface CountedSlice<T> {
        /**
         * @param offset rows to skip, at least 0
         * @param limit  rows to return at most, at least 1
         * @return how many rows match in all, and the rows of the slice (none when {@code offset} is past the end)
         */
        Counted<T> read(long offset, int limit);
    }

    /**
     * @param total how many rows match in all, at least 0
     * @param rows  the rows of one slice, in order
     * @param <T>   the item type
     */
    public record Counted<T>(long total, List<T> rows) {
    }

    private Paging() {
    }

    /**
     * Reads the result of a statement that counts and slices in one: every row carries the total in a column
     * {@code total}, and a row whose {@code idColumn} is {@code null} is the count alone (the slice's left join
     * found nothing, past the end or with nothing matching).
     *
     * @param idColumn a column that is never {@code null} in a row of the slice
     * @param rows     reads one row of the slice
     * @param <T>      the item type
     * @return the total (0 when the statement answered no row) and the slice's rows, in the statement's order
     */
    public static <T> ResultSetExtractor<Counted<T>> counted(String idColumn, RowMapper<T> rows) {
        return rs -> {
            long total = 0;
            List<T> read = new ArrayList<>();
            while (rs.next()) {
                total = rs.getLong("total");
                if (rs.getObject(idColumn) != null) {
                    read.add(rows.mapRow(rs, read.size()));
                }
            }
            return new Counted<>(total, read);
        };
    }

    /**
     * Pages with one statement for a numbered page: the slice is read at the page's offset together with the
     * total, and a page past the end is recognised from that total afterwards. Only {@code last}, whose offset
     * depends on the total, counts first and then reads the slice.
     *
     * @param request the page asked for
     * @param count   counts the matching rows; called only for the last page
     * @param slice   reads the total and the rows at an offset
     * @param <T>     the item type
     * @return the page, with {@link Page#exists()} {@code false} and no items when it is past the last page
     */
    public static <T> Page<T> page(PageRequest request, LongSupplier count, CountedSlice<T> slice) {
        if (request.page() == null) {
            return page(request, count.getAsLong(), (offset, limit) -> slice.read(offset, limit).rows());
        }
        int number = request.page();
        Counted<T> counted = slice.read((long) (number - 1) * request.size(), request.size());
        if (number > request.lastPage(counted.total())) {
            return new Page<>(List.of(), counted.total(), number, false);
        }
        return new Page<>(counted.rows(), counted.total(), number, true);
    }

    /**
     * @param request the page asked for
     * @param total   how many rows match in all
     * @param slice   reads the rows of the page; not called for a page past the end
     * @param <T>     the item type
     * @return the page, with {@link Page#exists()} {@code false} and no items when it is past the last page
     */
    public static <T> Page<T> page(PageRequest request, long total, Slice<T> slice) {
        int number = request.resolve(total);
        if (number > request.lastPage(total)) {
            return new Page<>(List.of(), total, number, false);
        }
        long offset = (long) (number - 1) * request.size();
        return new Page<>(slice.rows(offset, request.size()), total, number, true);
    }
}
