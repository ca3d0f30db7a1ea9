package com.modelregistry.mlmodel;

import com.modelregistry.common.paging.Cursor;
import com.modelregistry.common.paging.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Every query on models. */
@ApplicationScoped
public class ModelRepository implements PanacheRepositoryBase<MLModel, Long> {

    private static final String COUNT_ALL = "select coalesce(sum(models), 0)::bigint from model_counts";
    private static final String COUNT_FRAMEWORK =
            "select coalesce(sum(models), 0)::bigint from model_counts where framework = ?1";

    public Uni<List<MLModel>> search(ModelSearch search, PageRequest page) {
        Filter filter = Filter.of(search);
        return find(filter.where, search.sort().sort(), filter.parameters).page(page.toPanache()).list();
    }

    /**
     * Up to limit models after the cursor (null: from the start) in the search's order. The condition starts the
     * index range at the cursor, so a slice deep in the list costs what the first one does. Unscored models sort
     * last: they are read in a second query, only when the scored ones run out.
     */
    public Uni<List<MLModel>> searchAfter(ModelSearch search, Cursor after, int limit) {
        ModelSort order = search.sort();
        if (after == null) {
            Filter filter = Filter.of(search);
            return find(filter.where, order.sort(), filter.parameters).page(Page.ofSize(limit)).list();
        }
        Object key = order.parseKey(after.key());
        if (key == null) {
            return unscoredAfter(search, after.id(), limit);
        }
        Filter filter = Filter.of(search);
        String field = order.field();
        String beyond = order.ascending() ? ">" : "<";
        String where = filter.where + " and " + field + " " + beyond + "= :afterKey and (" + field + " " + beyond
                + " :afterKey or id < :afterId)";
        Parameters parameters = filter.parameters.and("afterKey", key).and("afterId", after.id());
        Uni<List<MLModel>> keyed = find(where, order.sort(), parameters).page(Page.ofSize(limit)).list();
        if (!order.nullable()) {
            return keyed;
        }
        return keyed.chain(scored -> scored.size() >= limit ? Uni.createFrom().item(scored)
                : unscoredAfter(search, null, limit - scored.size()).map(unscored -> concat(scored, unscored)));
    }

    /** The unscored models of a search, in id order, after the given id (null: from the first). */
    private Uni<List<MLModel>> unscoredAfter(ModelSearch search, Long afterId, int limit) {
        Filter filter = Filter.of(search);
        String where = filter.where + " and accuracy is null" + (afterId == null ? "" : " and id < :afterId");
        Parameters parameters = afterId == null ? filter.parameters : filter.parameters.and("afterId", afterId);
        return find(where, search.sort().sort(), parameters).page(Page.ofSize(limit)).list();
    }

    private static List<MLModel> concat(List<MLModel> first, List<MLModel> second) {
        List<MLModel> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    /**
     * How many models the search matches. Without a filter, or with only a framework, the database's running count
     * (V4 migration) answers in constant time; any other filter counts the matching rows.
     */
    public Uni<Long> countMatching(ModelSearch search) {
        boolean onlyByFramework = search.minAccuracy() == null && search.ownerId() == null
                && search.nameContains() == null;
        if (onlyByFramework) {
            return getSession().chain(session -> search.framework() == null
                    ? session.createNativeQuery(COUNT_ALL, Long.class).getSingleResult()
                    : session.createNativeQuery(COUNT_FRAMEWORK, Long.class)
                            .setParameter(1, search.framework()).getSingleResult());
        }
        Filter filter = Filter.of(search);
        return count(filter.where, filter.parameters);
    }

    /** The HQL condition for a search; each condition is served by an index of the V1 migration. */
    private record Filter(String where, Parameters parameters) {

        static Filter of(ModelSearch search) {
            List<String> conditions = new ArrayList<>();
            Parameters parameters = new Parameters();
            if (search.framework() != null) {
                conditions.add("framework = :framework");
                parameters.and("framework", search.framework());
            }
            if (search.minAccuracy() != null) {
                conditions.add("accuracy >= :minAccuracy");
                parameters.and("minAccuracy", search.minAccuracy());
            }
            if (search.ownerId() != null) {
                conditions.add("ownerId = :ownerId");
                parameters.and("ownerId", search.ownerId());
            }
            if (search.nameContains() != null) {
                conditions.add("lower(name) like :pattern escape '\\'");
                parameters.and("pattern", "%" + escapeLike(search.nameContains().toLowerCase(Locale.ROOT)) + "%");
            }
            String where = conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
            return new Filter(where, parameters);
        }

        private static String escapeLike(String text) {
            return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        }
    }
}
