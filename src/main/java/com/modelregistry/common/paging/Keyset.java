package com.modelregistry.common.paging;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads the slices of a list by cursor, for every list: the one home of the "after" condition. */
public final class Keyset {

    private Keyset() {
    }

    /**
     * The slice asked for, among the rows the condition selects, with the cursor of the next slice. Reads one row
     * more than asked: it only tells whether a next slice exists.
     *
     * @param where an HQL condition on the entity ("1 = 1" for every row), with its named parameters
     */
    public static <E, V> Uni<KeysetPage<V>> slice(PanacheRepositoryBase<E, Long> rows, String where,
            Parameters parameters, KeysetRequest<E> request, Function<E, V> view) {
        KeysetOrder<E> order = request.order();
        return after(rows, where, parameters, order, request.after(), request.size() + 1)
                .map(found -> KeysetPage.of(found, view, request.size(), order::cursorAfter));
    }

    /**
     * Up to limit rows after the position (null: from the start) in the order. The condition starts the index range
     * at the position, so a slice deep in the list costs what the first one does. Rows without a key sort last: they
     * are read in a second query, only when the keyed ones run out.
     */
    static <E> Uni<List<E>> after(PanacheRepositoryBase<E, Long> rows, String where, Parameters parameters,
            KeysetOrder<E> order, Position after, int limit) {
        if (after == null) {
            return rows.find(where, order.sort(), parameters).page(Page.ofSize(limit)).list();
        }
        if (after.key() == null) {
            return withoutKeyAfter(rows, where, parameters, order, after.id(), limit);
        }
        String field = order.field();
        String beyond = order.ascending() ? ">" : "<";
        String afterPosition = " and " + field + " " + beyond + "= :afterKey and (" + field + " " + beyond
                + " :afterKey or id < :afterId)";
        Parameters keyed = copy(parameters).and("afterKey", after.key()).and("afterId", after.id());
        Uni<List<E>> found = rows.find(where + afterPosition, order.sort(), keyed).page(Page.ofSize(limit)).list();
        if (!order.nullable()) {
            return found;
        }
        return found.chain(withKey -> withKey.size() >= limit ? Uni.createFrom().item(withKey)
                : withoutKeyAfter(rows, where, parameters, order, null, limit - withKey.size())
                        .map(withoutKey -> concat(withKey, withoutKey)));
    }

    /** The rows without a key, in id order, after the given id (null: from the first). */
    private static <E> Uni<List<E>> withoutKeyAfter(PanacheRepositoryBase<E, Long> rows, String where,
            Parameters parameters, KeysetOrder<E> order, Long afterId, int limit) {
        String condition = where + " and " + order.field() + " is null" + (afterId == null ? "" : " and id < :afterId");
        Parameters bound = afterId == null ? parameters : copy(parameters).and("afterId", afterId);
        return rows.find(condition, order.sort(), bound).page(Page.ofSize(limit)).list();
    }

    private static Parameters copy(Parameters parameters) {
        Parameters copy = new Parameters();
        parameters.map().forEach(copy::and);
        return copy;
    }

    private static <E> List<E> concat(List<E> first, List<E> second) {
        List<E> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }
}
