package com.modelregistry.version;

import com.modelregistry.common.db.PlanPerCall;
import com.modelregistry.common.paging.KeyType;
import com.modelregistry.common.paging.Keyset;
import com.modelregistry.common.paging.KeysetOrder;
import com.modelregistry.common.paging.KeysetPage;
import com.modelregistry.common.paging.KeysetRequest;
import com.modelregistry.common.paging.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every query on versions and aliases. */
@ApplicationScoped
public class VersionRepository implements PanacheRepositoryBase<ModelVersion, Long> {

    /**
     * The aliases of a model's versions, and "latest" on its highest-numbered ready version: one statement, served
     * by the aliases' primary key and model_versions_status_idx. The model id is bound as a list (common/db/PlanPerCall).
     */
    private static final String ALIASES_OF_MODEL = """
            select version_id, name from model_aliases where model_id in (?1)
            union all
            (select id, 'latest' from model_versions where model_id in (?1) and status = 'ready'
             order by number desc limit 1)
            """;

    public Uni<ModelVersion> findByNumber(long modelId, int number) {
        return find("modelId = ?1 and number = ?2", modelId, number).firstResult();
    }

    /** The sorted alias names of each version of the model that has any, by the version's row id. */
    public Uni<Map<Long, List<String>>> aliasesOf(long modelId) {
        return getSession().chain(session -> session.createNativeQuery(ALIASES_OF_MODEL, Object[].class)
                .setParameter(1, PlanPerCall.key(modelId)).getResultList()).map(rows -> {
                    Map<Long, List<String>> aliases = new HashMap<>();
                    for (Object[] row : rows) {
                        aliases.computeIfAbsent(((Number) row[0]).longValue(), id -> new ArrayList<>())
                                .add((String) row[1]);
                    }
                    aliases.values().forEach(names -> names.sort(null));
                    return aliases;
                });
    }

    /**
     * A model's versions newest first, the order of every version list; served backwards by model_versions_number_key,
     * or by model_versions_status_idx with ?status=. Numbers are unique per model, so the id never breaks a tie.
     */
    static final KeysetOrder<ModelVersion> NEWEST = KeysetOrder.of("versions-newest", "number", KeyType.POSITIVE_INT,
            false, false, version -> version.number, version -> version.id);

    /** The version under a row lock held till the transaction ends, or null when there is none. */
    public Uni<ModelVersion> findByNumberForUpdate(long modelId, int number) {
        return find("modelId = ?1 and number = ?2", modelId, number).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    /** One numbered page of the model's versions (only those with the status, unless null), newest first. */
    public Uni<List<ModelVersion>> listOf(long modelId, VersionStatus status, PageRequest page) {
        Filter filter = Filter.of(modelId, status);
        return find(filter.where, NEWEST.sort(), filter.parameters).page(page.toPanache()).list();
    }

    public Uni<Long> countOf(long modelId, VersionStatus status) {
        Filter filter = Filter.of(modelId, status);
        return count(filter.where, filter.parameters);
    }

    /** The model's versions after the request's cursor, newest first, as entities: their views need the aliases. */
    public Uni<KeysetPage<ModelVersion>> listAfter(long modelId, VersionStatus status,
            KeysetRequest<ModelVersion> request) {
        Filter filter = Filter.of(modelId, status);
        return Keyset.slice(this, filter.where, filter.parameters, request, version -> version);
    }

    /** The model's newest versions, up to the limit. */
    public Uni<List<ModelVersion>> newestOf(long modelId, int limit) {
        return find("modelId = ?1", NEWEST.sort(), modelId).page(Page.ofSize(limit)).list();
    }

    /** Deletes the version by statement; the aliases that point at it go with it (V6's cascade). */
    public Uni<Long> deleteByNumber(long modelId, int number) {
        return delete("modelId = ?1 and number = ?2", modelId, number);
    }

    /** The HQL condition of a version list. */
    private record Filter(String where, Parameters parameters) {

        static Filter of(long modelId, VersionStatus status) {
            Parameters parameters = Parameters.with("modelId", modelId);
            if (status == null) {
                return new Filter("modelId = :modelId", parameters);
            }
            return new Filter("modelId = :modelId and status = :status", parameters.and("status", status));
        }
    }
}
