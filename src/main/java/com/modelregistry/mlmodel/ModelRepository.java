package com.modelregistry.mlmodel;

import com.modelregistry.common.db.PlanPerCall;
import com.modelregistry.common.paging.Keyset;
import com.modelregistry.common.paging.KeysetPage;
import com.modelregistry.common.paging.KeysetRequest;
import com.modelregistry.common.paging.PageRequest;
import com.modelregistry.version.VersionedModels;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Every query on models. */
@ApplicationScoped
public class ModelRepository implements PanacheRepositoryBase<MLModel, Long>, VersionedModels {

    private static final String COUNT_ALL = "select coalesce(sum(models), 0) from ModelCount";
    private static final String COUNT_FRAMEWORK =
            "select coalesce(sum(models), 0) from ModelCount where slot.framework = :framework";
    private static final String COUNT_TAG =
            "select coalesce(sum(models), 0) from TagCount where tag.key = :key and tag.value = :value";

    /** Its key is bound as a list (common/db/PlanPerCall): a native select's plan is not cached. */
    private static final String NEXT_VERSION_NUMBER =
            "update models set last_version = last_version + 1 where id in (?1) returning last_version";

    @Override
    public Uni<Long> ownerOf(long modelId) {
        return getSession().chain(session -> session
                .createSelectionQuery("select ownerId from MLModel where id = :id", Long.class)
                .setParameter("id", modelId).getSingleResultOrNull());
    }

    @Override
    public Uni<Integer> nextVersionNumber(long modelId) {
        return getSession().chain(session -> session.createNativeQuery(NEXT_VERSION_NUMBER, Integer.class)
                .setParameter(1, PlanPerCall.key(modelId)).getSingleResultOrNull());
    }

    public Uni<List<MLModel>> search(ModelSearch search, PageRequest page) {
        Filter filter = Filter.of(search);
        return find(filter.where, search.sort().sort(), filter.parameters).page(page.toPanache()).list();
    }

    /** The slice of the search's models that the request asks for, in the search's order. */
    public Uni<KeysetPage<ModelView>> searchAfter(ModelSearch search, KeysetRequest<MLModel> request) {
        Filter filter = Filter.of(search);
        return Keyset.slice(this, filter.where, filter.parameters, request, ModelView::of);
    }

    /**
     * How many models the search matches. Without a filter, with only a framework, or with only one tag, the
     * database's running counts (V4 and V8 migrations) answer in constant time; any other filter counts the matching
     * rows.
     */
    public Uni<Long> countMatching(ModelSearch search) {
        boolean noOtherFilter = search.minAccuracy() == null && search.ownerId() == null
                && search.nameContains() == null;
        if (noOtherFilter && search.tags().isEmpty()) {
            return getSession().chain(session -> search.framework() == null
                    ? session.createSelectionQuery(COUNT_ALL, Long.class).getSingleResult()
                    : session.createSelectionQuery(COUNT_FRAMEWORK, Long.class)
                            .setParameter("framework", search.framework()).getSingleResult());
        }
        if (noOtherFilter && search.framework() == null && search.tags().size() == 1) {
            Map.Entry<String, String> tag = search.tags().entrySet().iterator().next();
            return getSession().chain(session -> session.createSelectionQuery(COUNT_TAG, Long.class)
                    .setParameter("key", tag.getKey()).setParameter("value", tag.getValue()).getSingleResult());
        }
        Filter filter = Filter.of(search);
        return count(filter.where, filter.parameters);
    }

    /** The HQL condition for a search; each condition is served by an index of the V1 or V7 migration. */
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
            if (!search.tags().isEmpty()) {
                // all tags at once, as one jsonb containment the GIN index of V7 answers. HQL has no @>, so sql(),
                // whose type HQL does not know: hence the cast and "= true", which PostgreSQL drops again (a boolean
                // cast to boolean is no cast, "x = true" is x), leaving "a @> b" for the index (IndexUsageTest).
                // The parameter is the JSON text, cast from text: a parameter PostgreSQL typed as jsonb would be sent
                // by the Vert.x client as a JSON string ("{\"k\":\"v\"}"), which no object contains.
                conditions.add("cast(sql('(? @> cast(cast(? as text) as jsonb))', tags, :tags) as Boolean) = true");
                parameters.and("tags", new JsonObject(new TreeMap<String, Object>(search.tags())).encode());
            }
            String where = conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
            return new Filter(where, parameters);
        }

        private static String escapeLike(String text) {
            return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        }
    }
}
