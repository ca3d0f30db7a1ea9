package com.modelregistry.mlmodel;

import com.modelregistry.common.paging.Keyset;
import com.modelregistry.common.paging.KeysetPage;
import com.modelregistry.common.paging.KeysetRequest;
import com.modelregistry.common.paging.PageRequest;
import com.modelregistry.version.VersionedModels;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Every query on models. */
@ApplicationScoped
public class ModelRepository implements PanacheRepositoryBase<MLModel, Long>, VersionedModels {

    private static final String COUNT_ALL = "select coalesce(sum(models), 0)::bigint from model_counts";
    private static final String COUNT_FRAMEWORK =
            "select coalesce(sum(models), 0)::bigint from model_counts where framework = ?1";

    private static final String NEXT_VERSION_NUMBER =
            "update models set last_version = last_version + 1 where id = ?1 returning last_version";

    @Override
    public Uni<Long> ownerOf(long modelId) {
        return getSession().chain(session -> session
                .createSelectionQuery("select ownerId from MLModel where id = :id", Long.class)
                .setParameter("id", modelId).getSingleResultOrNull());
    }

    @Override
    public Uni<Integer> nextVersionNumber(long modelId) {
        return getSession().chain(session -> session.createNativeQuery(NEXT_VERSION_NUMBER, Integer.class)
                .setParameter(1, modelId).getSingleResultOrNull());
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
